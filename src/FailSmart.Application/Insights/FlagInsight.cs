namespace FailSmart.Application.Insights;

/// <summary>
/// One flag in one environment: evaluations in the last 7 and 30 days, the last one, the variations served in
/// the stale window, the status (<see cref="FlagUsageStatus"/>), why, and what to do about it when stale.
/// </summary>
public sealed record FlagInsight(
    string Flag,
    string Environment,
    string Status,
    long Evaluations7Days,
    long Evaluations30Days,
    DateTimeOffset? LastEvaluated,
    IReadOnlyList<VariationShare> Variations,
    IReadOnlyList<string> Sources,
    string Explanation,
    string? SuggestedAction);
