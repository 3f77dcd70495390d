namespace FailSmart.Storage.Config;

/// <summary>The persisted state of one guarded rollout: what the engine needs to carry on after a restart.</summary>
/// <param name="Key">Environment, flag and rule.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="StageIndex">The stage served now (index into the plan's stages).</param>
/// <param name="StageStartedAt">When that stage began serving.</param>
/// <param name="Phase">The plan's analysis phase for that stage.</param>
/// <param name="LastMove">The policy's last move ("stay", "advance", …), or the person's action; null before the first look.</param>
/// <param name="LastReason">Why, in one sentence.</param>
/// <param name="LastReadings">The last look's numbers (gate readings, sample-ratio p, units per arm) as JSON, kept as the application wrote them.</param>
/// <param name="LookedAt">When the engine last looked.</param>
/// <param name="ApprovedBy">Who approved entering the next stage, until it is entered.</param>
/// <param name="Version">Starts at 1; every change adds one (compare-and-set).</param>
/// <param name="UpdatedAt">When the state last changed.</param>
public sealed record RolloutState(
    RolloutKey Key,
    RolloutStatus Status,
    int StageIndex,
    DateTimeOffset StageStartedAt,
    int Phase,
    string? LastMove,
    string? LastReason,
    string? LastReadings,
    DateTimeOffset? LookedAt,
    string? ApprovedBy,
    long Version,
    DateTimeOffset UpdatedAt);
