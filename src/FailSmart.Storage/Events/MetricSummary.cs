namespace FailSmart.Storage.Events;

/// <summary>
/// One metric over everyone exposed to anything in an environment during a window: what an experiment on
/// the metric would start from (its baseline mean, its variance and how fast units arrive).
/// </summary>
/// <param name="MetricKey">The metric.</param>
/// <param name="ExposedUnits">Units exposed to anything in the window.</param>
/// <param name="Statistics">
/// The per-unit sufficient statistics as one arm (variation 0): units (for retention, those whose day N
/// ended in the window), ΣY and ΣY² after capping, and a ratio's denominator sums.
/// </param>
/// <param name="CapValue">The cap applied to per-unit values; null when uncapped.</param>
public sealed record MetricSummary(string MetricKey, long ExposedUnits, VariationStatistics Statistics, double? CapValue);
