namespace FailSmart.Application.Results;

/// <summary>Which metric's recent data to summarise, for planning an experiment on it.</summary>
/// <param name="Metric">The metric key.</param>
/// <param name="Environment">The environment whose traffic is summarised.</param>
/// <param name="Days">How many whole days, ending now, to read.</param>
public sealed record MetricBaselineQuery(string Metric, string Environment = "production", int Days = 14);
