namespace FailSmart.Core.Model;

/// <summary>
/// A unit's side of a holdout; the value is the variation index its holdout exposure is stored with.
/// Held-out is index 0, the control, so a holdout's results read as "everything shipped against the
/// held-out units".
/// </summary>
public enum HoldoutArm
{
    /// <summary>In the holdout's buckets: gets the default of every flag in scope.</summary>
    HeldOut = 0,

    /// <summary>Outside them: gets what the flags serve everyone else.</summary>
    Exposed = 1,
}
