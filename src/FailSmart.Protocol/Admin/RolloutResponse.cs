namespace FailSmart.Protocol.Admin;

/// <summary>A guarded rollout as the API shows it: `GET /api/v1/rollouts/{environment}/{flag}/{rule}`.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Flag">The flag key.</param>
/// <param name="Rule">The rule id.</param>
/// <param name="Status">running, awaiting-approval, paused, rolled-back, completed or holdback-ended.</param>
/// <param name="Stage">The stage served now, from 1.</param>
/// <param name="StageCount">How many stages the plan has; 0 once the plan is gone.</param>
/// <param name="StagePercentage">The current stage, in percent of the units not held back; null once the plan is gone.</param>
/// <param name="ServedPercentage">What the flag's rule serves now, in percent; null when the rule is gone.</param>
/// <param name="HoldbackPercentage">The share held back for good, in percent; null once the plan is gone.</param>
/// <param name="Phase">The analysis phase of the stage.</param>
/// <param name="StageStartedAt">When the stage began serving.</param>
/// <param name="LastMove">The last decision (stay, advance, pause, …) or a person's command.</param>
/// <param name="LastReason">Why.</param>
/// <param name="LookedAt">When the engine last looked.</param>
/// <param name="ApprovedBy">Who approved the next stage, until it is entered.</param>
/// <param name="Version">The state's version; it changes with every move and look.</param>
/// <param name="Actions">The commands that apply now (pause, resume, skip, rollback, approve, end-holdback).</param>
/// <param name="Stages">The ladder; only on a single rollout.</param>
/// <param name="Units">Units per arm in the stage's phase at the last look.</param>
/// <param name="Gates">Each guardrail's last reading.</param>
/// <param name="SampleRatioP">The last sample-ratio check's always-valid p-value.</param>
/// <param name="History">The rollout's audit entries, oldest first; only on a single rollout.</param>
public sealed record RolloutResponse(
    string Environment,
    string Flag,
    string Rule,
    string Status,
    int Stage,
    int StageCount,
    double? StagePercentage,
    double? ServedPercentage,
    double? HoldbackPercentage,
    int Phase,
    DateTimeOffset StageStartedAt,
    string? LastMove,
    string? LastReason,
    DateTimeOffset? LookedAt,
    string? ApprovedBy,
    long Version,
    IReadOnlyList<string> Actions,
    IReadOnlyList<RolloutStageResponse>? Stages = null,
    RolloutUnitsResponse? Units = null,
    IReadOnlyList<GateReadingResponse>? Gates = null,
    double? SampleRatioP = null,
    IReadOnlyList<RolloutHistoryEntry>? History = null)
{
    /// <summary>What happens next and when, in one sentence; see <see cref="RolloutNextResponse"/>.</summary>
    public RolloutNextResponse? Next { get; init; }
}

/// <summary>What happens next to a rollout and when.</summary>
/// <param name="Kind">advance, complete, await-approval, paused, rolled-back, holdback, done or no-plan.</param>
/// <param name="Text">One sentence, e.g. "Advances to 25% at the earliest on 2026-12-08 14:00 UTC once 1,000 units have the feature (620 so far) and no guardrail shows harm."</param>
/// <param name="Earliest">The earliest moment the engine may advance or complete it; null when nothing moves by itself.</param>
/// <param name="PausesAt">When the stage pauses by itself if it still lacks what it needs; null when it has no maximum time.</param>
public sealed record RolloutNextResponse(string Kind, string Text, DateTimeOffset? Earliest, DateTimeOffset? PausesAt);

/// <summary>One stage of the ladder.</summary>
/// <param name="Stage">From 1.</param>
/// <param name="Percentage">Of the units not held back.</param>
/// <param name="MinDuration">ISO 8601.</param>
/// <param name="MinUnits">Units exposed to the feature the stage needs.</param>
/// <param name="MaxDuration">ISO 8601; null waits forever.</param>
/// <param name="RequiresApproval">A person approves entering it.</param>
/// <param name="EnteredAt">When the rollout entered it; null when it has not.</param>
public sealed record RolloutStageResponse(int Stage, double Percentage, string MinDuration, long MinUnits, string? MaxDuration, bool RequiresApproval, DateTimeOffset? EnteredAt);

/// <summary>Units exposed in the stage's phase, by arm.</summary>
public sealed record RolloutUnitsResponse(long NotYet, long In, long Holdback);

/// <summary>One guardrail's always-valid reading: relative change of the feature against control, with its interval.</summary>
public sealed record GateReadingResponse(string Metric, double Estimate, double Lower, double Upper, bool HarmShown, bool NonInferiorityShown)
{
    /// <summary>The harm tolerated, relative to control (0.01 for 1%).</summary>
    public double? Margin { get; init; }

    /// <summary>Units on the control side (not yet and holdback) at the look.</summary>
    public long? ControlUnits { get; init; }

    /// <summary>Units that got the feature at the look.</summary>
    public long? TreatmentUnits { get; init; }
}

/// <summary>One audited move of a rollout.</summary>
public sealed record RolloutHistoryEntry(long Id, DateTimeOffset At, string Actor, string Action, string? Reason, long Revision);

/// <summary>The body of a person's command: why (required; the audit log and webhooks carry it).</summary>
public sealed record RolloutCommandRequest(string? Reason);
