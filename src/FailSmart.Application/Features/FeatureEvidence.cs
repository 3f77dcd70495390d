using System.Text.Json;

namespace FailSmart.Application.Features;

/// <summary>
/// What a decision relied on, frozen when it was taken: results and rollout states are copies, never live
/// links, so re-analysing or archiving an experiment later does not change what the decision saw.
/// </summary>
/// <param name="FrozenAt">When the snapshot was taken.</param>
/// <param name="Experiments">Each experiment's results as the results endpoint answered them then.</param>
/// <param name="Rollouts">Each rollout's state then.</param>
/// <param name="Notes">Free-text notes.</param>
/// <param name="Links">Addresses of documents, dashboards or tickets.</param>
/// <param name="Override">The gates an administrator decided past, and why; null when every gate passed.</param>
public sealed record FeatureEvidence(
    DateTimeOffset FrozenAt,
    IReadOnlyList<ExperimentEvidence> Experiments,
    IReadOnlyList<RolloutEvidence> Rollouts,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> Links,
    GateOverride? Override = null);

/// <summary>An experiment's results at decision time.</summary>
/// <param name="Key">The experiment.</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="Phase">The phase analysed.</param>
/// <param name="Verdict">The verdict's decision (ship, do-not-ship, keep-running, …), null without one.</param>
/// <param name="VerdictReason">The verdict's sentence.</param>
/// <param name="ComputedAt">When the results were computed.</param>
/// <param name="Results">The whole results document (GET /api/v1/experiments/{key}/results) as it was.</param>
public sealed record ExperimentEvidence(
    string Key, string Environment, int Phase, string? Verdict, string? VerdictReason, DateTimeOffset? ComputedAt, JsonElement Results);

/// <summary>A guarded rollout's state at decision time.</summary>
/// <param name="Flag">Its flag.</param>
/// <param name="Environment">Its environment.</param>
/// <param name="Rule">Its rule.</param>
/// <param name="Status">running, awaiting-approval, paused, rolled-back, completed or holdback-ended.</param>
/// <param name="Stage">The stage served (1-based).</param>
/// <param name="Fraction">That stage's share of traffic; null without a plan.</param>
/// <param name="LastMove">The last decision (advance, stay, rollback, …).</param>
/// <param name="LastReason">Why.</param>
/// <param name="LookedAt">When the rollout last looked.</param>
/// <param name="Readings">The last look's units and gate readings, as stored.</param>
public sealed record RolloutEvidence(
    string Flag, string Environment, string Rule, string Status, int Stage, double? Fraction, string? LastMove, string? LastReason,
    DateTimeOffset? LookedAt, JsonElement? Readings);

/// <summary>An administrator deciding past gates that refused.</summary>
/// <param name="Gates">The gates' names.</param>
/// <param name="Reason">Why.</param>
/// <param name="By">Who.</param>
public sealed record GateOverride(IReadOnlyList<string> Gates, string Reason, string By);
