using FailSmart.Storage.Config;

namespace FailSmart.Application.Accounts;

/// <summary>The result of a sign-in attempt.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Account">The account, when signed in.</param>
/// <param name="LockedUntil">When a locked account unlocks.</param>
public sealed record SignInResult(SignInOutcome Outcome, UserAccount? Account = null, DateTimeOffset? LockedUntil = null);
