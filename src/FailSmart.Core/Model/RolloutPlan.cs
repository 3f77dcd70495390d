namespace FailSmart.Core.Model;

/// <summary>
/// A guarded rollout: the stages a rollout rule climbs, the share held back for good, and the metrics
/// that decide whether it may climb. Stage fractions are shares of the units that are not held back,
/// and the last stage is 1 (all of them). The rule's <see cref="RolloutAction.Stage"/> is the stage it
/// serves now; the rollout engine moves it.
/// </summary>
public sealed record RolloutPlan(IReadOnlyList<RolloutPlanStage> Stages)
{
    /// <summary>The share of eligible units that never get the feature, kept to measure its long-term effect.</summary>
    public const double DefaultHoldback = 0.01;

    /// <summary>Fraction of the rule's eligible units held back, in [0, 0.5].</summary>
    public double Holdback { get; init; } = DefaultHoldback;

    /// <summary>The variation served to units not yet in and to the holdback; the flag's default when null.</summary>
    public string? ControlVariation { get; init; }

    /// <summary>The metrics this rollout watches, with their roles; each metric definition's role when a reference leaves it out.</summary>
    public IReadOnlyList<MetricReference> Metrics { get; init; } = [];

    /// <summary>The analysis phase of the current stage. It increases whenever the stage changes, so every stage is analysed on its own.</summary>
    public int Phase { get; init; } = 1;

    /// <summary>The default ladder: 1, 5, 10, 25, 50 and 100% of the units not held back.</summary>
    public static IReadOnlyList<RolloutPlanStage> DefaultStages { get; } =
        [.. RolloutStage.DefaultLadder.Select(s => new RolloutPlanStage(s.Fraction))];

    /// <summary>The experiment key a guarded rollout's exposures carry: one per flag, rule and environment (the exposure's own).</summary>
    public static string AnalysisKey(string flagKey, string ruleId) => $"rollout:{flagKey}:{ruleId}";
}
