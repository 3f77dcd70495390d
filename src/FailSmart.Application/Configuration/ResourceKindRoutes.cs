using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>The URL segment and the human name of each resource kind.</summary>
public static class ResourceKindRoutes
{
    public static IReadOnlyList<(ResourceKind Kind, string Segment, string Name)> All { get; } =
    [
        (ResourceKind.Flag, "flags", "flag"),
        (ResourceKind.Segment, "segments", "segment"),
        (ResourceKind.Experiment, "experiments", "experiment"),
        (ResourceKind.Layer, "layers", "layer"),
        (ResourceKind.Holdout, "holdouts", "holdout"),
        (ResourceKind.Metric, "metrics", "metric definition"),
    ];
}
