using System.Text.Json;

namespace FailSmart.Protocol.Lifecycle;

/// <summary>A recorded phase decision, with its evidence frozen when it was taken.</summary>
/// <param name="Id">Increasing per server.</param>
/// <param name="Feature">The feature's key.</param>
/// <param name="Decision">advance, iterate, stop or restart.</param>
/// <param name="From">The phase before.</param>
/// <param name="To">The phase after.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="At">When.</param>
/// <param name="Evidence">The snapshot.</param>
public sealed record FeatureDecisionResponse(
    long Id, string Feature, string Decision, string From, string To, string Reason, string Actor, DateTimeOffset At, FeatureEvidenceResponse Evidence);

/// <summary>Evidence as it was when the decision was taken.</summary>
/// <param name="FrozenAt">When the snapshot was taken.</param>
/// <param name="Experiments">Each experiment's results then.</param>
/// <param name="Rollouts">Each rollout's state then.</param>
/// <param name="Notes">Notes.</param>
/// <param name="Links">Links.</param>
/// <param name="Override">Gates an administrator decided past, with the reason; null when every gate passed.</param>
public sealed record FeatureEvidenceResponse(
    DateTimeOffset FrozenAt,
    IReadOnlyList<ExperimentEvidenceResponse> Experiments,
    IReadOnlyList<RolloutEvidenceResponse> Rollouts,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Links,
    GateOverrideResponse? Override);

/// <summary>An experiment's results at decision time; <see cref="Results"/> is the whole results document as GET /api/v1/experiments/{key}/results answered then.</summary>
public sealed record ExperimentEvidenceResponse(
    string Key, string Environment, int Phase, string? Verdict, string? VerdictReason, DateTimeOffset? ComputedAt, JsonElement Results);

/// <summary>A guarded rollout's state at decision time: status, stage (1-based) and its share, last move and why, and the last look's readings.</summary>
public sealed record RolloutEvidenceResponse(
    string Flag, string Environment, string Rule, string Status, int Stage, double? Fraction, string? LastMove, string? LastReason,
    DateTimeOffset? LookedAt, JsonElement? Readings);

/// <summary>Gates decided past by an administrator, and why.</summary>
public sealed record GateOverrideResponse(IReadOnlyList<string> Gates, string Reason, string By);
