using FailSmart.Application.Problems;
using FailSmart.Protocol.Results;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Results;

/// <summary>
/// Whether an experiment's or a guarded rollout's cohort looks like the population a launch is for, for the API and the web UI alike: the
/// mix per attribute against a target population, and each metric's effect reweighted to it. Reads change nothing;
/// a bad query is refused with a problem that names the input.
/// </summary>
public interface IRepresentativenessService
{
    Task<ServiceResult<RepresentativenessResponse>> GetAsync(RepresentativenessQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same for a guarded rollout's stage: its arms are the ones its gates compare (not yet and holdback against in),
    /// its phase by default the current stage's, its metrics by default its guardrails. The query's experiment and
    /// environment are the rollout's; an unknown rollout is not found.
    /// </summary>
    Task<ServiceResult<RepresentativenessResponse>> GetRolloutAsync(RolloutKey rollout, RepresentativenessQuery query, CancellationToken cancellationToken = default);
}
