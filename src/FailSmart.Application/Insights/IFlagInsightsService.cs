using FailSmart.Application.Problems;

namespace FailSmart.Application.Insights;

/// <summary>Which flags are used, which are stale and what to do about them, from the evaluations clients report.</summary>
public interface IFlagInsightsService
{
    /// <summary>
    /// Every live flag in every environment, or in <paramref name="environment"/>; stale after
    /// <paramref name="staleAfterDays"/> days (1 to 90) or the configured default.
    /// </summary>
    Task<ServiceResult<FlagInsightsReport>> ListAsync(string? environment = null, int? staleAfterDays = null, CancellationToken cancellationToken = default);

    /// <summary>One flag (archived too, so its last usage stays readable) in every environment.</summary>
    Task<ServiceResult<FlagInsightsReport>> GetAsync(string flagKey, CancellationToken cancellationToken = default);
}
