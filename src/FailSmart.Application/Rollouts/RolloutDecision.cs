namespace FailSmart.Application.Rollouts;

/// <summary>The policy's answer to one look: the move, one sentence saying why, and the numbers behind it.</summary>
/// <param name="Move">What to do.</param>
/// <param name="Reason">Why, in one sentence a person can act on.</param>
/// <param name="Gates">Each guardrail's reading.</param>
/// <param name="SampleRatioP">The sample-ratio check's always-valid p-value, when there were units to check.</param>
public sealed record RolloutDecision(RolloutMove Move, string Reason, IReadOnlyList<GateReading> Gates, double? SampleRatioP);
