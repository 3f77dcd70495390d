namespace FailSmart.Application.Rollouts;

/// <summary>
/// The policy used until a guarded policy is registered: it climbs on time and units alone (advance once
/// the stage held its minimum time with its minimum units, pause past its maximum, complete after the last)
/// and reads no guardrail, so it never rolls back by itself.
/// </summary>
internal sealed class StageClockPolicy : IRolloutPolicy
{
    public RolloutDecision Decide(RolloutLook look)
    {
        ArgumentNullException.ThrowIfNull(look);
        Core.Model.RolloutPlanStage stage = look.Plan.Stages[look.StageIndex];
        TimeSpan held = look.Now - look.StageStartedAt;
        bool last = look.StageIndex >= look.Plan.Stages.Count - 1;
        if (held >= stage.MinDuration && look.UnitsIn >= stage.MinUnits)
        {
            return new RolloutDecision(last ? RolloutMove.Complete : RolloutMove.Advance, "The stage held its minimum time with enough units.", [], null);
        }

        if (stage.MaxDuration is { } max && held > max)
        {
            return new RolloutDecision(RolloutMove.Pause, $"The stage ran past its maximum time with {look.UnitsIn} of {stage.MinUnits} units.", [], null);
        }

        return new RolloutDecision(RolloutMove.Stay, "The stage has not held its minimum time with enough units yet.", [], null);
    }
}
