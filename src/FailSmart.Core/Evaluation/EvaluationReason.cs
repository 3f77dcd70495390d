namespace FailSmart.Core.Evaluation;

/// <summary>Why a unit got its value.</summary>
public enum EvaluationReason
{
    /// <summary>The flag is off in this environment: the off variation.</summary>
    Disabled,

    /// <summary>A rule's condition matched and it forces a variation.</summary>
    TargetingMatch,

    /// <summary>A rule's condition matched and the unit's bucket is inside the rollout percentage.</summary>
    RolloutSplit,

    /// <summary>The unit was assigned by an experiment (log an exposure).</summary>
    Experiment,

    /// <summary>No rule applied: the default variation.</summary>
    Default,

    /// <summary>A prerequisite flag did not have a required variation: the off variation.</summary>
    PrerequisiteFailed,

    /// <summary>The unit is in a holdout covering this flag: the default variation.</summary>
    Holdout,

    /// <summary>Evaluation could not complete (unknown flag, environment not configured...): see the error code.</summary>
    Error,
}
