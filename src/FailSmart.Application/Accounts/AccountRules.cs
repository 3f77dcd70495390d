namespace FailSmart.Application.Accounts;

/// <summary>The limits accounts follow, in one place so the UI can say them.</summary>
public static class AccountRules
{
    /// <summary>Length beats composition rules for strength, and people can remember a passphrase.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public const int MaxFailedAttempts = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public const int MaxUserNameLength = 254;

    public const int MaxDisplayNameLength = 100;
}
