namespace FailSmart.Application.Features;

/// <summary>A phase decision as sent: every field may be missing or wrong, and validation says which.</summary>
/// <param name="Decision">advance, iterate, stop or restart.</param>
/// <param name="Reason">Why, in the decider's words (at most 2,000 characters).</param>
/// <param name="Evidence">What the decision relied on; the service freezes a snapshot of each item.</param>
/// <param name="Override">An administrator's reason for deciding past a gate that refuses; null to respect the gates.</param>
public sealed record FeatureDecisionInput(string? Decision, string? Reason, FeatureEvidenceInput? Evidence = null, string? Override = null);

/// <summary>The evidence a decision names.</summary>
public sealed record FeatureEvidenceInput(
    IReadOnlyList<ExperimentEvidenceInput?>? Experiments = null,
    IReadOnlyList<RolloutEvidenceInput?>? Rollouts = null,
    IReadOnlyList<string?>? Notes = null,
    IReadOnlyList<string?>? Links = null);

/// <summary>An experiment's results, in one environment and phase (null: the current phase).</summary>
public sealed record ExperimentEvidenceInput(string? Key, string? Environment = "production", int? Phase = null);

/// <summary>A guarded rollout: a flag's rule in one environment (rule null: the flag's only rollout there).</summary>
public sealed record RolloutEvidenceInput(string? Flag, string? Environment, string? Rule = null);
