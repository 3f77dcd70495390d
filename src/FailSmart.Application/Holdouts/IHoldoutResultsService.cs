using FailSmart.Application.Problems;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Holdouts;

/// <summary>
/// A holdout's long-term comparison: everything shipped to the exposed units against the held-out units,
/// per metric, analysed as an experiment whose exposures are keyed "holdout:&lt;key&gt;". The API and the
/// web UI both read it here, so they refuse the same queries in the same words.
/// </summary>
public interface IHoldoutResultsService
{
    /// <summary>The comparison, or a refusal: an unknown environment, holdout or metric, or an empty metric list.</summary>
    Task<ServiceResult<HoldoutResultsResponse>> GetAsync(HoldoutResultsQuery query, CancellationToken cancellationToken = default);
}
