namespace FailSmart.Statistics;

/// <summary>Checks shared by the representativeness entry points.</summary>
internal static class Strata
{
    public static void CheckLevels(IEnumerable<string?> levels, string what)
    {
        string?[] names = [.. levels];
        if (names.Length < 2)
        {
            throw new ArgumentException($"The {what} needs at least two levels.", nameof(levels));
        }

        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException($"Every level of the {what} needs a distinct, non-empty name.", nameof(levels));
        }
    }
}
