namespace FailSmart.Application.Features;

/// <summary>
/// <c>Lifecycle:Gates</c>: what a feature must have before a decision may move it into each phase. Each
/// phase takes a comma-separated list of requirement names (see <see cref="FeatureGates"/>); unset keeps
/// the default, an empty string means no gate.
/// </summary>
public sealed class FeatureGateOptions
{
    public const string SectionName = "Lifecycle:Gates";

    /// <summary>Entering Build; no gate by default.</summary>
    public string? Build { get; set; }

    /// <summary>Entering Ship; by default the hypothesis must name a metric.</summary>
    public string? Ship { get; set; }

    /// <summary>Entering Tweak; by default a running experiment or a guarded rollout must be linked.</summary>
    public string? Tweak { get; set; }

    /// <summary>Entering Maintain; no gate by default.</summary>
    public string? Maintain { get; set; }

    /// <summary>Whether an administrator may decide past a refusing gate with a reason (recorded with the decision).</summary>
    public bool AllowAdminOverride { get; set; } = true;

    /// <summary>The requirement names for entering a phase, defaults applied.</summary>
    public IReadOnlyList<string> For(FeaturePhase phase) => Split(phase switch
    {
        FeaturePhase.Build => Build ?? string.Empty,
        FeaturePhase.Ship => Ship ?? FeatureGates.HypothesisMetric,
        FeaturePhase.Tweak => Tweak ?? FeatureGates.RunningTest,
        FeaturePhase.Maintain => Maintain ?? string.Empty,
        _ => string.Empty,
    });

    private static string[] Split(string names) => names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
