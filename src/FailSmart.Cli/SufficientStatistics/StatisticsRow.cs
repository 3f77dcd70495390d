using FailSmart.Storage.Events;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>One validated row: a metric's sufficient statistics for one variation.</summary>
internal sealed record StatisticsRow(InputRow Source, string Metric, string Variation, StatisticsType Type, string? Role, string? Direction, VariationStatistics Arm);
