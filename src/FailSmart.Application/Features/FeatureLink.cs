namespace FailSmart.Application.Features;

/// <summary>A flag, experiment or rollout that belongs to a feature.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Key">The flag's or experiment's key (for a rollout, its flag's).</param>
/// <param name="Environment">For a rollout: the environment it runs in.</param>
/// <param name="Rule">For a rollout: the rule's id; null means the flag's guarded rule there.</param>
public sealed record FeatureLink(FeatureLinkKind Kind, string Key, string? Environment = null, string? Rule = null);
