namespace FailSmart.Core.Model;

/// <summary>Everything evaluation needs: flags, segments, experiments, layers and holdouts.</summary>
public sealed record Configuration
{
    public static Configuration Empty { get; } = new();

    public IReadOnlyList<Flag> Flags { get; init; } = [];

    public IReadOnlyList<Segment> Segments { get; init; } = [];

    public IReadOnlyList<Experiment> Experiments { get; init; } = [];

    public IReadOnlyList<Layer> Layers { get; init; } = [];

    public IReadOnlyList<Holdout> Holdouts { get; init; } = [];
}
