using FailSmart.Application.Access;
using FailSmart.Application.Problems;

namespace FailSmart.Application.Features;

/// <summary>
/// Features for the API and the web UI: anyone signed in reads them; editors and administrators create,
/// change and archive them. A new feature starts in <see cref="FeaturePhase.Think"/>; its phase changes
/// only through a recorded decision.
/// </summary>
public interface IFeatureService
{
    Task<ServiceResult<IReadOnlyList<Feature>>> ListAsync(FeatureListRequest request, CancellationToken cancellationToken = default);

    Task<ServiceResult<Feature>> GetAsync(string key, CancellationToken cancellationToken = default);

    Task<ServiceResult<Feature>> CreateAsync(Caller caller, FeatureInput input, CancellationToken cancellationToken = default);

    /// <summary>Replaces what people edit (not the phase); refused with 412 when <paramref name="expectedVersion"/> is stale.</summary>
    Task<ServiceResult<Feature>> UpdateAsync(Caller caller, string key, FeatureInput input, long? expectedVersion, CancellationToken cancellationToken = default);

    Task<ServiceResult<Feature>> ArchiveAsync(Caller caller, string key, long? expectedVersion, CancellationToken cancellationToken = default);

    Task<ServiceResult<Feature>> UnarchiveAsync(Caller caller, string key, long? expectedVersion, CancellationToken cancellationToken = default);
}
