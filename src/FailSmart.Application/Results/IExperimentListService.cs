using FailSmart.Application.Problems;

namespace FailSmart.Application.Results;

/// <summary>The experiments of the configuration as seen from one environment: which flags run each there.</summary>
public interface IExperimentListService
{
    /// <summary>
    /// Every experiment (archived ones left out), those that a flag runs in <paramref name="environment"/> first; or a
    /// refusal when there is no such environment.
    /// </summary>
    Task<ServiceResult<IReadOnlyList<ExperimentSummary>>> ListAsync(string environment, CancellationToken cancellationToken = default);
}
