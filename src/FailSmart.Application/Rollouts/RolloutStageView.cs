namespace FailSmart.Application.Rollouts;

/// <summary>One stage of a rollout's ladder as people see it.</summary>
/// <param name="Index">From 0.</param>
/// <param name="Fraction">Share of the units not held back.</param>
/// <param name="MinDuration">The stage lasts at least this long.</param>
/// <param name="MinUnits">Units exposed to the feature the stage needs.</param>
/// <param name="MaxDuration">After this long without what it needs, the rollout pauses; null waits forever.</param>
/// <param name="RequiresApproval">A person approves entering it.</param>
/// <param name="EnteredAt">When the rollout entered it (last time), from the audit log; null when it has not.</param>
public sealed record RolloutStageView(int Index, double Fraction, TimeSpan MinDuration, long MinUnits, TimeSpan? MaxDuration, bool RequiresApproval, DateTimeOffset? EnteredAt);
