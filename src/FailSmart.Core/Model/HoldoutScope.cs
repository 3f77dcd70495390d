namespace FailSmart.Core.Model;

/// <summary>What a holdout protects: everything, or listed flags, experiments and layers.</summary>
public sealed record HoldoutScope
{
    public static HoldoutScope Everything { get; } = new() { All = true };

    public bool All { get; init; }

    public IReadOnlyList<string> Flags { get; init; } = [];

    public IReadOnlyList<string> Experiments { get; init; } = [];

    public IReadOnlyList<string> Layers { get; init; } = [];

    public bool CoversFlag(string flagKey) => All || Flags.Contains(flagKey, StringComparer.Ordinal);

    public bool CoversExperiment(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        return All
            || Experiments.Contains(experiment.Key, StringComparer.Ordinal)
            || (experiment.Layer is not null && Layers.Contains(experiment.Layer.LayerKey, StringComparer.Ordinal));
    }
}
