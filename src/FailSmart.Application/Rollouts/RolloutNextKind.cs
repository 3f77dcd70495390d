namespace FailSmart.Application.Rollouts;

/// <summary>What happens next to a guarded rollout, in kind; <see cref="RolloutNextStep.Text"/> says it in words.</summary>
public enum RolloutNextKind
{
    /// <summary>The engine enters the next stage once the current one has what it needs.</summary>
    Advance,

    /// <summary>The last stage completes once it has held its minimum time.</summary>
    Complete,

    /// <summary>The next stage needs a person's approval before the engine enters it.</summary>
    AwaitApproval,

    /// <summary>Paused: nothing climbs until someone resumes it (harm still rolls it back).</summary>
    Paused,

    /// <summary>Rolled back: the feature is served to nobody; final.</summary>
    RolledBack,

    /// <summary>Completed: the long-term holdback is measured until someone ends it.</summary>
    Holdback,

    /// <summary>The holdback ended: everyone gets the feature; nothing is left to do.</summary>
    Done,

    /// <summary>The flag no longer has the rule's plan: the engine cannot move it.</summary>
    NoPlan,
}
