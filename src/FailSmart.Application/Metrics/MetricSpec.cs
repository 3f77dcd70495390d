using FailSmart.Storage.Events;

namespace FailSmart.Application.Metrics;

/// <summary>A stored metric definition, read: what the store computes and the sample the decision plans for.</summary>
/// <param name="Definition">The store's definition.</param>
/// <param name="PlannedUnits">The planned sample over all variations; it tunes the confidence sequence and the ETA.</param>
public sealed record MetricSpec(MetricDefinition Definition, long PlannedUnits)
{
    /// <summary>The planned sample when a definition names none.</summary>
    public const long DefaultPlannedUnits = 10_000;
}
