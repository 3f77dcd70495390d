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

    /// <summary>
    /// Records a phase decision (advance, iterate, stop; restart for administrators) with its reason, after the
    /// gates of the phase entered, freezing a snapshot of the evidence it names. Refused with 412 when
    /// <paramref name="expectedVersion"/> is stale, 409 when a gate or the phase refuses it.
    /// </summary>
    Task<ServiceResult<FeatureDecision>> DecideAsync(Caller caller, string key, FeatureDecisionInput input, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>A feature's decisions, oldest first, each with its evidence as it was.</summary>
    Task<ServiceResult<IReadOnlyList<FeatureDecision>>> DecisionsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>A feature's phases, decisions, launches and results, in time order.</summary>
    Task<ServiceResult<FeatureTimelineView>> TimelineAsync(string key, CancellationToken cancellationToken = default);
}
