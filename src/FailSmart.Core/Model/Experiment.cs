using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Model;

/// <summary>
/// An experiment: weighted variations over a share of traffic (coverage), assigned by hashing a unit
/// attribute with the seed, optionally inside a layer that keeps it apart from other experiments.
/// </summary>
public sealed record Experiment(string Key, IReadOnlyList<ExperimentVariation> Variations)
{
    public string Hypothesis { get; init; } = string.Empty;

    public string HashAttribute { get; init; } = "id";

    /// <summary>Used when <see cref="HashAttribute"/> is absent or empty (e.g. a device id before login).</summary>
    public string? FallbackAttribute { get; init; }

    /// <summary>Share of eligible units enrolled, in [0, 1].</summary>
    public double Coverage { get; init; } = 1;

    /// <summary>Hash seed; the experiment key when null.</summary>
    public string? Seed { get; init; }

    public HashVersion HashVersion { get; init; } = HashVersion.V2;

    public LayerAllocation? Layer { get; init; }

    /// <summary>Increases whenever weights or coverage change; results are analysed per phase.</summary>
    public int Phase { get; init; } = 1;

    public ExperimentStatus Status { get; init; } = ExperimentStatus.Running;

    /// <summary>The metrics its results analyse, with their roles; empty means every metric that is not archived, each in its definition's role.</summary>
    public IReadOnlyList<MetricReference> Metrics { get; init; } = [];

    /// <summary>Set when the experiment is a factorial launch: the features it crosses; its variations are then the cells (<see cref="FactorialCells"/>).</summary>
    public FactorialDesign? Factorial { get; init; }

    public string EffectiveSeed => Seed ?? Key;
}
