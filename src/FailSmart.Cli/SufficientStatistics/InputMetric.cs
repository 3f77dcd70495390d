using FailSmart.Storage.Events;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>One metric of the input: its definition for the analyzer, its type as the file gave it, and one arm per variation (by index, the control first).</summary>
internal sealed record InputMetric(MetricDefinition Definition, StatisticsType Type, IReadOnlyList<VariationStatistics> Arms);
