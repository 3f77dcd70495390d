using FailSmart.Storage.Config;

namespace FailSmart.Web.Settings;

/// <summary>How the settings page names roles and an editor's environments.</summary>
internal static class RoleText
{
    public static string Name(AccountRole role) => role switch
    {
        AccountRole.Admin => "Admin",
        AccountRole.Editor => "Editor",
        _ => "Viewer",
    };

    public static string Environments(UserAccount account) => account.Role switch
    {
        AccountRole.Admin => "All",
        AccountRole.Editor => account.Environments is { Count: > 0 } limited ? string.Join(", ", limited) : "All",
        _ => "None (reads only)",
    };
}
