using FailSmart.Core.Model;

namespace FailSmart.Application.Rollouts;

/// <summary>
/// How a guarded rollout's three arms become the two its gates compare: the units without the feature (not yet
/// reached, and the holdback) against the units in. One mapping, so the gates and every other reading of a rollout
/// compare the same cohorts.
/// </summary>
public static class RolloutArms
{
    /// <summary>The comparison's control: units that do not get the feature.</summary>
    public static IReadOnlyList<int> Without { get; } = [(int)RolloutArm.NotYet, (int)RolloutArm.Holdback];

    /// <summary>The comparison's treatment: units that get the feature.</summary>
    public static IReadOnlyList<int> With { get; } = [(int)RolloutArm.In];

    /// <summary>How readings name the control arm.</summary>
    public const string WithoutKey = "not-yet";

    /// <summary>How readings name the treatment arm.</summary>
    public const string WithKey = "in";

    /// <summary>Sums the arms of <paramref name="variations"/> that <paramref name="sums"/> has, from a store reading's variation index.</summary>
    public static ArmSums Sum(IReadOnlyList<int> variations, Func<int, ArmSums> sums) =>
        variations.Aggregate(default(ArmSums), (total, variation) => total + sums(variation));
}
