namespace FailSmart.Core.Model;

/// <summary>
/// The names a holdout's exposures carry as their variation, one per <see cref="HoldoutArm"/>, and the
/// experiment key and phase they are recorded under; results and ingestion read them back.
/// </summary>
public static class HoldoutArmKeys
{
    public const string HeldOut = "held-out";

    public const string Exposed = "exposed";

    /// <summary>The prefix of a holdout's analysis key.</summary>
    public const string Prefix = "holdout:";

    /// <summary>Holdouts have no phases: every exposure is recorded in phase 1.</summary>
    public const int Phase = 1;

    /// <summary>Every name, indexed by the arm's value.</summary>
    public static IReadOnlyList<string> All { get; } = [HeldOut, Exposed];

    public static string Of(HoldoutArm arm) => All[(int)arm];

    /// <summary>The experiment key a holdout's exposures carry: "holdout:" and the holdout's key.</summary>
    public static string AnalysisKey(string holdoutKey) => Prefix + holdoutKey;

    public static bool TryParse(string? key, out HoldoutArm arm)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], key, StringComparison.Ordinal))
            {
                arm = (HoldoutArm)i;
                return true;
            }
        }

        arm = default;
        return false;
    }
}
