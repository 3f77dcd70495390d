using System.Text.Json;
using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Flags, segments, experiments, layers, holdouts and metric definitions: read, create, change, toggle,
/// archive. Every change is checked against the caller's role, validated against the whole configuration,
/// sent for approval where the environment requires it, versioned, audited and published to open streams
/// and pages. The API and the web UI both call this, so they share one set of rules and messages.
/// </summary>
public interface IResourceService
{
    Task<ServiceResult<ResourcePage>> ListAsync(ResourceListRequest request, CancellationToken cancellationToken = default);

    /// <summary>One resource, archived or not, or null.</summary>
    Task<StoredResource?> GetAsync(ResourceKind kind, string key, CancellationToken cancellationToken = default);

    /// <summary>Creates a resource from its document in the configuration format (tags included).</summary>
    Task<ServiceResult<StoredResource>> CreateAsync(Caller caller, ResourceKind kind, JsonElement document, CancellationToken cancellationToken = default);

    /// <summary>Replaces a resource's document; <paramref name="expectedVersion"/> is the version the caller read (null skips the check).</summary>
    Task<ServiceResult<StoredResource>> UpdateAsync(Caller caller, ResourceKind kind, string key, JsonElement document, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Archives a resource; archiving an archived one is <see cref="ServiceOutcome.Unchanged"/>.</summary>
    Task<ServiceResult<StoredResource>> ArchiveAsync(Caller caller, ResourceKind kind, string key, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Brings an archived resource back, validated against the whole configuration.</summary>
    Task<ServiceResult<StoredResource>> UnarchiveAsync(Caller caller, ResourceKind kind, string key, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Turns a flag on or off in one environment.</summary>
    Task<ServiceResult<StoredResource>> ToggleAsync(Caller caller, string flagKey, string environment, bool enabled, long? expectedVersion, CancellationToken cancellationToken = default);
}
