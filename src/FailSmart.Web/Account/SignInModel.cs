namespace FailSmart.Web.Account;

/// <summary>The sign-in form's fields, bound from the posted form.</summary>
internal sealed class SignInModel
{
    public string? UserName { get; set; }

    public string? Password { get; set; }
}
