using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// Where configuration lives: environments, resources, API keys and the audit log. Every write is one
/// transaction that also appends its audit entry and advances the configuration revision, so the audit
/// log and the SDK change stream can never disagree with the data.
/// </summary>
public interface IConfigStore : IStore
{
    /// <summary>The environments, in the order they were created.</summary>
    Task<IReadOnlyList<string>> ListEnvironmentKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>The environments with their approval policy, in position order.</summary>
    Task<IReadOnlyList<EnvironmentRecord>> ListEnvironmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an environment after the last one, not requiring approval, and audits it; false when the key
    /// exists. The caller validates the key and name.
    /// </summary>
    Task<bool> CreateEnvironmentAsync(string key, string name, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets whether changes to an environment need approval; false when there is no such environment.
    /// Setting the value it already has writes nothing: no audit entry, no new revision.
    /// </summary>
    Task<bool> SetEnvironmentApprovalAsync(string key, bool requiresApproval, string actor, CancellationToken cancellationToken = default);

    /// <summary>The current configuration revision: it increases with every committed write.</summary>
    Task<long> GetRevisionAsync(CancellationToken cancellationToken = default);

    /// <summary>One resource, archived or not, or null.</summary>
    Task<StoredResource?> GetAsync(ResourceKind kind, string key, CancellationToken cancellationToken = default);

    /// <summary>A filtered page of one kind, ordered by key.</summary>
    Task<ResourcePage> ListAsync(ResourceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Every resource that is not archived, of every kind, with the revision they were read at.</summary>
    Task<(IReadOnlyList<StoredResource> Resources, long Revision)> SnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a resource at version 1.</summary>
    Task<WriteOutcome> CreateAsync(ResourceWrite write, CancellationToken cancellationToken = default);

    /// <summary>Replaces a resource's document and tags; <see cref="WriteStatus.Archived"/> when it is archived.</summary>
    Task<WriteOutcome> UpdateAsync(ResourceWrite write, string action = "update", CancellationToken cancellationToken = default);

    /// <summary>
    /// Archives a resource; it stays readable and in the audit log. Archiving an archived resource is
    /// <see cref="WriteStatus.Unchanged"/>: no new version, no audit entry.
    /// </summary>
    Task<WriteOutcome> ArchiveAsync(ResourceWrite write, CancellationToken cancellationToken = default);

    /// <summary>
    /// Brings an archived resource back, with its document and tags as they were, audited as "unarchive".
    /// <see cref="WriteStatus.Unchanged"/> when it is not archived.
    /// </summary>
    Task<WriteOutcome> UnarchiveAsync(ResourceWrite write, CancellationToken cancellationToken = default);

    /// <summary>Stores a new key and audits its creation.</summary>
    Task CreateApiKeyAsync(ApiKeyRecord key, string actor, CancellationToken cancellationToken = default);

    /// <summary>The key with this id, or null.</summary>
    Task<ApiKeyRecord?> GetApiKeyAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every key, newest first (hashes included; the API never shows them).</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes a key; false when there is no such key.</summary>
    Task<bool> RevokeApiKeyAsync(string id, string actor, CancellationToken cancellationToken = default);

    /// <summary>Records that a key authenticated a request.</summary>
    Task TouchApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Audit entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default);
}
