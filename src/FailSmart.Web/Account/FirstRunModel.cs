namespace FailSmart.Web.Account;

/// <summary>The first-run form's fields, bound from the posted form.</summary>
internal sealed class FirstRunModel
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }
}
