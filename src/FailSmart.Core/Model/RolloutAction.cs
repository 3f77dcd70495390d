using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Model;

/// <summary>
/// Serve a variation to a percentage of the rule's audience. Units whose bucket is below the
/// stage are in; the rest fall through to the next rule. Raising the stage keeps everyone in.
/// </summary>
public sealed record RolloutAction(string Variation, RolloutStage Stage) : RuleAction
{
    public string HashAttribute { get; init; } = "id";

    public string? FallbackAttribute { get; init; }

    /// <summary>Hash seed; the flag key when null.</summary>
    public string? Seed { get; init; }

    /// <summary>
    /// The GrowthBook hash that places units: version 2 (the default), or version 1 so a rollout moved
    /// from GrowthBook keeps every unit where it was. Not with a plan or Microsoft.FeatureManagement's bucketing.
    /// </summary>
    public HashVersion HashVersion { get; init; } = HashVersion.V2;

    /// <summary>Set for a guarded rollout: then the rule decides for every unit it matches (in, not yet or holdback) and records exposures.</summary>
    public RolloutPlan? Plan { get; init; }

    /// <summary>
    /// Set for a rule imported from Microsoft.FeatureManagement: units are placed by its targeting hash
    /// with <see cref="Seed"/> as the hint, and the rule serves the range it names. Never with a plan.
    /// </summary>
    public FeatureManagementBucketing? FeatureManagement { get; init; }
}
