using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests;

/// <summary>Accounts in a dictionary; the store conformance suite holds the real stores to the same contract.</summary>
internal sealed class InMemoryAccountStore : IAccountStore
{
    private readonly Dictionary<string, UserAccount> _accounts = [];

    public Task<bool> AnyAccountAsync(CancellationToken cancellationToken = default) => Task.FromResult(_accounts.Count > 0);

    public Task<bool> CreateFirstAdminAsync(UserAccount account, CancellationToken cancellationToken = default) =>
        Task.FromResult(_accounts.Count == 0 && _accounts.TryAdd(account.Id, account));

    public Task<bool> CreateAccountAsync(UserAccount account, string actor, CancellationToken cancellationToken = default) =>
        Task.FromResult(_accounts.Values.All(a => a.UserName != account.UserName) && _accounts.TryAdd(account.Id, account));

    public Task<UserAccount?> GetAccountAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_accounts.GetValueOrDefault(id));

    public Task<UserAccount?> FindAccountByUserNameAsync(string userName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_accounts.Values.FirstOrDefault(a => a.UserName == userName));

    public Task<IReadOnlyList<UserAccount>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<UserAccount>>([.. _accounts.Values.OrderBy(a => a.UserName, StringComparer.Ordinal)]);

    public Task<bool> UpdateAccountAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        if (!_accounts.ContainsKey(account.Id))
        {
            return Task.FromResult(false);
        }

        _accounts[account.Id] = account;
        return Task.FromResult(true);
    }

    public Task<bool> ChangeAccountAccessAsync(
        string id, AccountRole role, IReadOnlyList<string>? environments, string actor, CancellationToken cancellationToken = default)
    {
        if (!_accounts.TryGetValue(id, out UserAccount? account))
        {
            return Task.FromResult(false);
        }

        _accounts[id] = account with { Role = role, Environments = environments, SecurityStamp = Guid.NewGuid().ToString("N") };
        return Task.FromResult(true);
    }
}
