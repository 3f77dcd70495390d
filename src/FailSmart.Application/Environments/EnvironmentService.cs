using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Environments;

internal sealed class EnvironmentService(IConfigStore store) : IEnvironmentService
{
    public async Task<IReadOnlyList<EnvironmentRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> keys = await store.ListEnvironmentKeysAsync(cancellationToken);
        return [.. keys.Select((key, i) => new EnvironmentRecord(key, char.ToUpperInvariant(key[0]) + key[1..], i + 1, false))];
    }

    public Task<ServiceResult<EnvironmentRecord>> CreateAsync(Caller caller, string? key, string? name, CancellationToken cancellationToken = default) =>
        Task.FromResult<ServiceResult<EnvironmentRecord>>(ServiceProblems.Forbidden(caller.Actor + ": creating environments arrives with the storage for it."));

    public Task<ServiceResult<EnvironmentRecord>> SetApprovalAsync(Caller caller, string key, bool requiresApproval, CancellationToken cancellationToken = default) =>
        Task.FromResult<ServiceResult<EnvironmentRecord>>(ServiceProblems.Forbidden(caller.Actor + ": approval policies arrive with the storage for them."));
}
