namespace FailSmart.Core.Model;

/// <summary>A feature flag: typed variations, per-environment rules, and prerequisites on other flags.</summary>
public sealed record Flag(
    string Key,
    FlagValueType ValueType,
    IReadOnlyList<FlagVariation> Variations,
    IReadOnlyDictionary<string, FlagEnvironment> Environments)
{
    public string? Description { get; init; }

    public IReadOnlyList<Prerequisite> Prerequisites { get; init; } = [];

    public FlagVariation? FindVariation(string key)
    {
        foreach (FlagVariation variation in Variations)
        {
            if (string.Equals(variation.Key, key, StringComparison.Ordinal))
            {
                return variation;
            }
        }

        return null;
    }
}
