namespace FailSmart.Application.Features;

/// <summary>A feature as a person or a client sends it: every field may be missing or wrong, and validation says which.</summary>
public sealed record FeatureInput(
    string? Key,
    string? Name,
    string? Owner,
    string? Problem,
    HypothesisInput? Hypothesis = null,
    IReadOnlyList<FeatureLinkInput?>? Links = null,
    double? ValuePerUnit = null,
    string? Currency = null,
    double? CostPerPersonDay = null);

/// <summary>A hypothesis as sent.</summary>
public sealed record HypothesisInput(string? Statement, string? Metric = null, double? MinimumEffect = null);

/// <summary>A link as sent: kind "flag", "experiment" or "rollout".</summary>
public sealed record FeatureLinkInput(string? Kind, string? Key, string? Environment = null, string? Rule = null);
