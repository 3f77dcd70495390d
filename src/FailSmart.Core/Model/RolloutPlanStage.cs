namespace FailSmart.Core.Model;

/// <summary>One step of a guarded rollout and what it needs before the next.</summary>
/// <param name="Fraction">Share of the units that are not held back, in (0, 1].</param>
public sealed record RolloutPlanStage(double Fraction)
{
    /// <summary>The stage lasts at least this long.</summary>
    public TimeSpan MinDuration { get; init; } = TimeSpan.FromDays(1);

    /// <summary>At least this many units must have been exposed to the feature in this stage.</summary>
    public long MinUnits { get; init; } = 1_000;

    /// <summary>After this long without what it needs to advance, the rollout pauses; null waits forever.</summary>
    public TimeSpan? MaxDuration { get; init; } = TimeSpan.FromDays(7);

    /// <summary>A person must approve before the rollout enters this stage.</summary>
    public bool RequiresApproval { get; init; }
}
