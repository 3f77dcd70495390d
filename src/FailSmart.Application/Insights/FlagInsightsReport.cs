namespace FailSmart.Application.Insights;

/// <summary>Insights for every live flag (or one) in every environment (or one), as of <see cref="At"/>.</summary>
public sealed record FlagInsightsReport(DateTimeOffset At, int StaleAfterDays, IReadOnlyList<EnvironmentUsage> Environments, IReadOnlyList<FlagInsight> Flags);
