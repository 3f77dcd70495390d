namespace FailSmart.Core.Model;

/// <summary>
/// A unit's arm in one stage of a guarded rollout; the value is the variation index its exposure is
/// stored with. Not yet and holdback both get the control variation.
/// </summary>
public enum RolloutArm
{
    /// <summary>Eligible, not held back, not reached by this stage yet.</summary>
    NotYet = 0,

    /// <summary>Gets the feature.</summary>
    In = 1,

    /// <summary>Held back for good: never gets the feature while the plan exists.</summary>
    Holdback = 2,
}
