namespace FailSmart.Protocol.Lifecycle;

/// <summary>A feature to create (POST) or replace (PUT). Its phase is not here: it changes only through a decision.</summary>
/// <param name="Key">Identifier (create only; on PUT leave it out or send the same one).</param>
/// <param name="Name">What the team calls it.</param>
/// <param name="Owner">Who answers for it.</param>
/// <param name="Problem">The problem it answers.</param>
/// <param name="Hypothesis">What the team believes and how it will know.</param>
/// <param name="Links">Its flags, experiments and rollouts.</param>
/// <param name="ValuePerUnit">What one unit of the hypothesis metric, per unit reached, is worth.</param>
/// <param name="Currency">ISO 4217 code of the amounts.</param>
/// <param name="CostPerPersonDay">What a person-day of effort costs.</param>
public sealed record FeatureRequest(
    string? Key,
    string? Name,
    string? Owner,
    string? Problem,
    HypothesisBody? Hypothesis,
    IReadOnlyList<FeatureLinkBody?>? Links,
    double? ValuePerUnit,
    string? Currency,
    double? CostPerPersonDay);

/// <summary>A hypothesis: a statement, the metric that will show it, and the smallest relative change worth having, signed in the direction expected.</summary>
public sealed record HypothesisBody(string? Statement, string? Metric, double? MinimumEffect);

/// <summary>A link from a feature: kind "flag", "experiment" or "rollout" (a rollout names its flag as key, and its environment and rule).</summary>
public sealed record FeatureLinkBody(string? Kind, string? Key, string? Environment, string? Rule);
