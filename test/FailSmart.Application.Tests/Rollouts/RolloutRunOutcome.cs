using FailSmart.Application.Rollouts;

namespace FailSmart.Application.Tests.Rollouts;

/// <summary>How one simulated rollout ended: the move that ended it (null if still running), at which stage, when, and when it entered the last stage.</summary>
internal sealed record RolloutRunOutcome(RolloutMove? End, int Stage, double Days, double? LastStageDays, string Reason);
