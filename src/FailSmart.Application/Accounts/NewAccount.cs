namespace FailSmart.Application.Accounts;

/// <summary>What a person types to create an account.</summary>
/// <param name="UserName">An email address; compared without regard to case.</param>
/// <param name="DisplayName">How FailSmart shows the person.</param>
/// <param name="Password">At least <see cref="AccountRules.MinPasswordLength"/> characters.</param>
public sealed record NewAccount(string? UserName, string? DisplayName, string? Password);
