namespace FailSmart.Web;

/// <summary>The web UI's cookie scheme and its role policies. API keys keep their own scheme and policies.</summary>
public static class UiPolicies
{
    /// <summary>The cookie scheme people sign in with.</summary>
    public const string Scheme = "FailSmartCookie";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "FailSmart.Session";

    /// <summary>Any signed-in person.</summary>
    public const string Viewer = "failsmart-ui-viewer";

    /// <summary>Editors and administrators.</summary>
    public const string Editor = "failsmart-ui-editor";

    /// <summary>Administrators only.</summary>
    public const string Admin = "failsmart-ui-admin";

    /// <summary>The claim that carries the account's security stamp, checked on every request.</summary>
    public const string SecurityStampClaim = "failsmart:security-stamp";

    public const string SignInPath = "/account/sign-in";

    public const string SignOutPath = "/account/sign-out";
}
