using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>A guarded rollout as people see it: its state, its plan's ladder, the last look's numbers and its history.</summary>
/// <param name="State">The stored state.</param>
/// <param name="Plan">The plan as the flag holds it now; null when the rule or its plan is gone (after the holdback ended).</param>
/// <param name="ServedFraction">The stage fraction the flag's rule serves now; null when the rule is gone.</param>
/// <param name="Stages">The ladder, with when each stage was entered.</param>
/// <param name="Readings">The last look's units per arm, gate readings and sample-ratio p; null before the first look.</param>
/// <param name="History">The rollout's audit entries, oldest first.</param>
public sealed record RolloutView(
    RolloutState State,
    RolloutPlan? Plan,
    double? ServedFraction,
    IReadOnlyList<RolloutStageView> Stages,
    RolloutReadings? Readings,
    IReadOnlyList<AuditEntry> History)
{
    /// <summary>The current stage's fraction, or null without a plan.</summary>
    public double? StageFraction => Plan is { } plan && State.StageIndex < plan.Stages.Count ? plan.Stages[State.StageIndex].Fraction : null;

    /// <summary>Whether there is a stage after the current one.</summary>
    public bool HasNextStage => Plan is { } plan && State.StageIndex < plan.Stages.Count - 1;

    /// <summary>What happens next and when ("advances to 25% at the earliest on …"); null only when built without it.</summary>
    public RolloutNextStep? Next { get; init; }

    /// <summary>The commands that apply now.</summary>
    public IReadOnlyList<RolloutCommand> Allowed => Plan is null ? [] : RolloutCommands.Allowed(State.Status, HasNextStage, State.ApprovedBy is not null);
}
