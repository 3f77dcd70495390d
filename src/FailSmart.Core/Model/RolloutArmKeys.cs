namespace FailSmart.Core.Model;

/// <summary>
/// The names a guarded rollout's exposures carry as their variation, one per <see cref="RolloutArm"/>;
/// results and ingestion read them back.
/// </summary>
public static class RolloutArmKeys
{
    public const string NotYet = "not-yet";

    public const string In = "in";

    public const string Holdback = "holdback";

    /// <summary>Every name, indexed by the arm's value.</summary>
    public static IReadOnlyList<string> All { get; } = [NotYet, In, Holdback];

    public static string Of(RolloutArm arm) => All[(int)arm];

    public static bool TryParse(string? key, out RolloutArm arm)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], key, StringComparison.Ordinal))
            {
                arm = (RolloutArm)i;
                return true;
            }
        }

        arm = default;
        return false;
    }
}
