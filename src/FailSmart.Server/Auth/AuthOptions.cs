namespace FailSmart.Server.Auth;

/// <summary>Authentication settings (section "Auth").</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// A full admin key ("fs_admin_…") to make sure exists, for automation and first start. When unset and
    /// no admin key exists, the server makes one and prints it once to the console.
    /// </summary>
    public string? BootstrapAdminKey { get; set; }
}
