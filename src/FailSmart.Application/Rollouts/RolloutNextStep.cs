namespace FailSmart.Application.Rollouts;

/// <summary>What happens next to a guarded rollout and when: the line the rollout page and API lead with.</summary>
/// <param name="Kind">What happens next.</param>
/// <param name="Text">One sentence a person can act on, e.g. "Advances to 25% at the earliest on 2026-12-08 14:00 UTC once 1,000 units have the feature (620 so far) and no guardrail shows harm."</param>
/// <param name="Earliest">The earliest moment the engine may move it (advance or complete); null when nothing moves by itself.</param>
/// <param name="PausesAt">When the stage pauses by itself if it still lacks what it needs (its maximum time); null when it has none or does not apply.</param>
public sealed record RolloutNextStep(RolloutNextKind Kind, string Text, DateTimeOffset? Earliest = null, DateTimeOffset? PausesAt = null);
