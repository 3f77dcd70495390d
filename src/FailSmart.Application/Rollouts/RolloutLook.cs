using FailSmart.Core.Model;

namespace FailSmart.Application.Rollouts;

/// <summary>Everything the policy sees when it looks at a guarded rollout once.</summary>
/// <param name="Plan">The plan (stages, holdback, metrics).</param>
/// <param name="StageIndex">The stage served now (index into <see cref="RolloutPlan.Stages"/>).</param>
/// <param name="StageStartedAt">When the current stage began serving.</param>
/// <param name="Now">The engine's clock.</param>
/// <param name="UnitsNotYet">Units exposed in the stage's phase, by arm.</param>
/// <param name="UnitsIn">Units exposed to the feature in the stage's phase.</param>
/// <param name="UnitsHoldback">Held-back units exposed in the stage's phase.</param>
/// <param name="Guardrails">One entry per guardrail of the plan.</param>
/// <param name="NextStageApproved">A person approved entering the next stage (or skipping non-inferiority before the last).</param>
public sealed record RolloutLook(
    RolloutPlan Plan,
    int StageIndex,
    DateTimeOffset StageStartedAt,
    DateTimeOffset Now,
    long UnitsNotYet,
    long UnitsIn,
    long UnitsHoldback,
    IReadOnlyList<GuardrailInput> Guardrails,
    bool NextStageApproved = false);
