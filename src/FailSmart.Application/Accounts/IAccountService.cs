using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Accounts;

/// <summary>Accounts for people: first run, sign-in with lockout, and signing out everywhere.</summary>
public interface IAccountService
{
    /// <summary>True until the first administrator is created.</summary>
    Task<bool> IsFirstRunAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the first administrator; refused once any account exists.</summary>
    Task<FirstAdminResult> CreateFirstAdminAsync(NewAccount input, CancellationToken cancellationToken = default);

    /// <summary>Checks a user name and password, counting failures and locking the account after too many.</summary>
    Task<SignInResult> SignInAsync(string userName, string password, CancellationToken cancellationToken = default);

    /// <summary>The account when its session (id and security stamp) is still valid, otherwise null.</summary>
    Task<UserAccount?> ValidateSessionAsync(string accountId, string securityStamp, CancellationToken cancellationToken = default);

    /// <summary>Ends every session of the account by changing its security stamp; false when there is no such account.</summary>
    Task<bool> SignOutEverywhereAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Every account, by user name (administrators manage them on the settings page).</summary>
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>An administrator adds a person with a role and, for editors, the environments they may change (null: all).</summary>
    Task<ServiceResult<UserAccount>> CreateAsync(Caller caller, NewAccount input, AccountRole role, IReadOnlyList<string>? environments, CancellationToken cancellationToken = default);

    /// <summary>An administrator changes a person's role and environments; the person's sessions end so the new role takes effect.</summary>
    Task<ServiceResult<UserAccount>> ChangeAccessAsync(Caller caller, string accountId, AccountRole role, IReadOnlyList<string>? environments, CancellationToken cancellationToken = default);

    /// <summary>The problems with a new account's fields, each with a hint; empty when it is valid.</summary>
    IReadOnlyList<FieldProblem> Validate(NewAccount input);
}
