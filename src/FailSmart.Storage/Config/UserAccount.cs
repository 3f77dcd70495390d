namespace FailSmart.Storage.Config;

/// <summary>A person who signs in to the web UI. The password itself is never stored, only its hash.</summary>
/// <param name="Id">Stable identifier, carried in the session cookie.</param>
/// <param name="UserName">The sign-in name, an email address, stored lower-case so it is unique regardless of case.</param>
/// <param name="DisplayName">How the UI and the audit log show the person.</param>
/// <param name="PasswordHash">An ASP.NET Core Identity password hash (PBKDF2, salted).</param>
/// <param name="Role">What the person may do.</param>
/// <param name="FailedAttempts">Wrong passwords since the last successful sign-in or lockout.</param>
/// <param name="LockoutEnd">Until when sign-in is refused, if it is.</param>
/// <param name="SecurityStamp">Changes on "sign out everywhere"; sessions carrying an older stamp stop working.</param>
/// <param name="CreatedAt">When the account was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Environments">The environments an editor may change; null means all of them.</param>
public sealed record UserAccount(
    string Id,
    string UserName,
    string DisplayName,
    string PasswordHash,
    AccountRole Role,
    int FailedAttempts,
    DateTimeOffset? LockoutEnd,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string>? Environments = null);
