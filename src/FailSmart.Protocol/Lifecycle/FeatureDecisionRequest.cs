namespace FailSmart.Protocol.Lifecycle;

/// <summary>A phase decision on a feature (POST /api/v1/features/{key}/decisions, with If-Match).</summary>
/// <param name="Decision">advance (to the next phase), iterate (stay, recorded), stop (from any phase), or restart (administrators: a stopped feature back to the phase it was stopped in).</param>
/// <param name="Reason">Why, at most 2,000 characters.</param>
/// <param name="Evidence">What the decision relied on; a snapshot of each experiment's results and rollout's state is frozen with it.</param>
/// <param name="Override">An administrator's reason for deciding past a gate that refuses; leave it out to respect the gates.</param>
public sealed record FeatureDecisionRequest(string? Decision, string? Reason, FeatureEvidenceBody? Evidence, string? Override);

/// <summary>The evidence a decision names.</summary>
/// <param name="Experiments">Experiments by key, with environment (default production) and phase (default current).</param>
/// <param name="Rollouts">Guarded rollouts: flag, environment and rule (rule may be left out when the flag has one rollout there).</param>
/// <param name="Notes">Free-text notes.</param>
/// <param name="Links">http or https addresses.</param>
public sealed record FeatureEvidenceBody(
    IReadOnlyList<ExperimentEvidenceBody?>? Experiments,
    IReadOnlyList<RolloutEvidenceBody?>? Rollouts,
    IReadOnlyList<string?>? Notes,
    IReadOnlyList<string?>? Links);

/// <summary>An experiment named as evidence.</summary>
public sealed record ExperimentEvidenceBody(string? Key, string? Environment, int? Phase);

/// <summary>A guarded rollout named as evidence.</summary>
public sealed record RolloutEvidenceBody(string? Flag, string? Environment, string? Rule);
