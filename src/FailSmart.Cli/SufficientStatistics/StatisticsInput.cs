namespace FailSmart.Cli.SufficientStatistics;

/// <summary>A whole sufficient-statistics file, validated: the variations (the control first) and the metrics.</summary>
internal sealed record StatisticsInput(IReadOnlyList<string> Variations, IReadOnlyList<InputMetric> Metrics);
