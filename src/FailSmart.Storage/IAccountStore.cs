using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// The people who sign in to the web UI, kept in the configuration store so replicas share them.
/// Creating an account is audited like any other write; sign-in bookkeeping (failed attempts, lockout,
/// security stamp) is not, because it is not a change anyone made to the configuration.
/// </summary>
public interface IAccountStore
{
    /// <summary>Whether any account exists; none means the server is on its first run.</summary>
    Task<bool> AnyAccountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the first administrator, only while no account exists, and audits it. False when an
    /// account already exists: two first-run forms submitted at once create one administrator.
    /// </summary>
    Task<bool> CreateFirstAdminAsync(UserAccount account, CancellationToken cancellationToken = default);

    /// <summary>Creates an account and audits it; false when the user name is taken.</summary>
    Task<bool> CreateAccountAsync(UserAccount account, string actor, CancellationToken cancellationToken = default);

    /// <summary>The account with this id, or null.</summary>
    Task<UserAccount?> GetAccountAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The account with this (lower-case) user name, or null.</summary>
    Task<UserAccount?> FindAccountByUserNameAsync(string userName, CancellationToken cancellationToken = default);

    /// <summary>Every account, ordered by user name.</summary>
    Task<IReadOnlyList<UserAccount>> ListAccountsAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves an account's name, hash, role, environments, lockout counters and security stamp; false when there is no such account.</summary>
    Task<bool> UpdateAccountAsync(UserAccount account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets an account's role and the environments it may change (null: all), and changes its security
    /// stamp so sessions carrying the old access end. Audited as "user.access"; false when there is no
    /// such account.
    /// </summary>
    Task<bool> ChangeAccountAccessAsync(
        string id, AccountRole role, IReadOnlyList<string>? environments, string actor, CancellationToken cancellationToken = default);
}
