namespace FailSmart.Application.Populations;

/// <summary>
/// A team's target population: units per stratum of one or more unit attributes (country, platform…), the
/// population an experiment's cohort is compared with and its effect reweighted to.
/// </summary>
public sealed record TargetPopulation(
    string Key,
    string? Description,
    IReadOnlyList<string> Attributes,
    IReadOnlyList<PopulationStratum> Strata,
    long Version,
    string UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Units per level of one attribute, summed over the others; null when the population does not have it.</summary>
    public IReadOnlyDictionary<string, double>? UnitsBy(string attribute)
    {
        int column = Attributes.ToList().FindIndex(a => string.Equals(a, attribute, StringComparison.OrdinalIgnoreCase));
        return column < 0
            ? null
            : Strata.GroupBy(s => s.Values[column], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(s => s.Units), StringComparer.Ordinal);
    }

    /// <summary>The population's units in all.</summary>
    public double TotalUnits => Strata.Sum(s => s.Units);
}
