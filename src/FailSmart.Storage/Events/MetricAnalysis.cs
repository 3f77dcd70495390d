namespace FailSmart.Storage.Events;

/// <summary>One metric's sufficient statistics for each variation of an experiment phase.</summary>
/// <param name="MetricKey">The metric.</param>
/// <param name="Variations">One entry per variation that has analysed units, by variation index.</param>
/// <param name="CapValue">The cap applied to per-unit values (a percentile cap resolved to a value); null when uncapped.</param>
public sealed record MetricAnalysis(string MetricKey, IReadOnlyList<VariationStatistics> Variations, double? CapValue);
