namespace FailSmart.Storage.Config;

/// <summary>Where a guarded rollout stands. Stored as lower-case, hyphenated names.</summary>
public enum RolloutStatus
{
    /// <summary>Serving its stage; the engine looks and may advance, pause or roll back.</summary>
    Running,

    /// <summary>Ready for a stage that needs a person's approval; the stage keeps serving meanwhile.</summary>
    AwaitingApproval,

    /// <summary>Stopped climbing (by a person or after a stage's maximum time); the stage keeps serving.</summary>
    Paused,

    /// <summary>Stopped serving the feature; the holdback stays.</summary>
    RolledBack,

    /// <summary>Climbed every stage; the holdback stays to measure the long-term effect.</summary>
    Completed,

    /// <summary>The plan is gone and every unit gets the feature.</summary>
    HoldbackEnded,
}
