using FailSmart.Application.Problems;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Results;

/// <summary>
/// Experiment results for the API and the web UI alike. The analysis runs where the event store and the
/// results cache live (the server); the web UI reads it through this interface only. Reads never change
/// anything: a found answer comes back with <see cref="ServiceOutcome.Unchanged"/>, a bad query as a
/// refusal whose problem says which input was wrong and how to fix it.
/// </summary>
public interface IExperimentResultsService
{
    /// <summary>The results of one experiment phase, from the cache while they are current (see <see cref="ExperimentResultsResponse.Stale"/>).</summary>
    Task<ServiceResult<ExperimentResultsResponse>> GetAsync(ResultsQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The same analysis as of the end of each day of the phase (cumulative): per metric and treatment,
    /// the effect with its always-valid and its fixed-horizon interval, so a chart can show why peeking
    /// at a fixed-horizon interval misleads.
    /// </summary>
    Task<ServiceResult<ExperimentTimelineResponse>> TimelineAsync(ResultsQuery query, CancellationToken cancellationToken = default);

    /// <summary>A metric's recent per-unit mean, variance and daily units, to plan an experiment on it.</summary>
    Task<ServiceResult<MetricBaselineResponse>> BaselineAsync(MetricBaselineQuery query, CancellationToken cancellationToken = default);
}
