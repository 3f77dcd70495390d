using FailSmart.Core.Model;
using FailSmart.Server.Results;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `--factorial FEATURE,FEATURE…`: the data is a factorial launch of these features, in this order, and its
/// variations are the cells (00, 01, 10, 11 for two). Shared by `failsmart analyze` and `failsmart stats analyze`.
/// </summary>
internal static class FactorialOption
{
    public const string Help = "Read the data as a factorial launch of these features, comma-separated in the launch's order (e.g. search,badges): "
        + "the variations are the cells, one 0 or 1 per feature (10: the first on, the second off), and each metric gets the features' main effects, their interactions and the bundle's effect.";

    /// <summary>The launch, or null with a problem when the features are not 2 to 5 distinct names.</summary>
    public static FactorialSubject? Parse(string? text, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        string[] features = text.Split(',', StringSplitOptions.TrimEntries);
        if (features.Length is < FactorialDesign.MinFeatures or > FactorialDesign.MaxFeatures
            || features.Any(f => f.Length == 0) || features.Distinct(StringComparer.Ordinal).Count() < features.Length)
        {
            problems.Add($"--factorial '{text}' must name {FactorialDesign.MinFeatures} to {FactorialDesign.MaxFeatures} different features, comma-separated in the launch's order, such as search,badges.");
            return null;
        }

        return new FactorialSubject(features);
    }

    /// <summary>Adds a problem unless the variations are exactly the launch's cells, each once.</summary>
    public static void CheckCells(FactorialSubject launch, IReadOnlyList<string> variations, List<string> problems)
    {
        IReadOnlyList<string> cells = FactorialCells.All(launch.Features.Count);
        if (variations.Count != cells.Count || !cells.All(c => variations.Contains(c, StringComparer.Ordinal)))
        {
            problems.Add($"A factorial launch of {launch.Features.Count} features has the variations {string.Join(", ", cells)} "
                + $"(one 0 or 1 per feature: {string.Join(", ", launch.Features)}); the data has {string.Join(", ", variations)}. Name each unit's cell as its variation.");
        }
    }
}
