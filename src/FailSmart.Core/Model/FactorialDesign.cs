namespace FailSmart.Core.Model;

/// <summary>
/// What makes an experiment a factorial launch: 2 to 5 features, each switched on for half of the enrolled
/// units by its own hash, independently of the others, so every combination (cell) occurs and each feature's
/// effect can be told apart from the bundle's. The experiment's variations are the cells
/// (<see cref="FactorialCells"/>), with equal weights.
/// </summary>
public sealed record FactorialDesign(IReadOnlyList<FactorialFeature> Features)
{
    public const int MinFeatures = 2;

    public const int MaxFeatures = 5;

    /// <summary>The seed a feature gets when none is given: the launch's key and the flag's key.</summary>
    public static string DefaultSeed(string experimentKey, string flag) => $"{experimentKey}:{flag}";

    /// <summary>The position of a flag among the features, or -1.</summary>
    public int IndexOf(string flag)
    {
        for (int i = 0; i < Features.Count; i++)
        {
            if (string.Equals(Features[i].Flag, flag, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
