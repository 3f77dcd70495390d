namespace FailSmart.Application.Accounts;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown user name or wrong password: the UI does not say which, so names cannot be probed.</summary>
    WrongCredentials,

    /// <summary>Too many wrong passwords; refused until the lockout ends, even with the right password.</summary>
    LockedOut,
}
