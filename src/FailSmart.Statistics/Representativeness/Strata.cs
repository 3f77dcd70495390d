namespace FailSmart.Statistics;

/// <summary>Checks shared by the representativeness entry points.</summary>
internal static class Strata
{
    // A mix needs two levels to compare; a reweighting is defined, if trivial, over one.
    public static void CheckLevels(IEnumerable<string?> levels, string what, int minimum = 2)
    {
        string?[] names = [.. levels];
        if (names.Length < minimum)
        {
            throw new ArgumentException(minimum == 1 ? $"The {what} needs at least one level." : $"The {what} needs at least two levels.", nameof(levels));
        }

        if (names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            throw new ArgumentException($"Every level of the {what} needs a distinct, non-empty name.", nameof(levels));
        }
    }
}
