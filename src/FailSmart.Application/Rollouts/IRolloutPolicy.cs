namespace FailSmart.Application.Rollouts;

/// <summary>Decides, from one look's numbers and the clock, what a guarded rollout does next. Pure: no I/O, no clock of its own.</summary>
public interface IRolloutPolicy
{
    RolloutDecision Decide(RolloutLook look);
}
