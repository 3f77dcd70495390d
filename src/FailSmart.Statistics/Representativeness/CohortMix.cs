using MathNet.Numerics;

namespace FailSmart.Statistics;

/// <summary>
/// Compares a cohort's mix with the target population's, attribute by attribute, most different first.
/// See docs/statistics.md, "Representativeness".
/// </summary>
public static class CohortMix
{
    public static IReadOnlyList<AttributeDifference> Compare(IReadOnlyList<AttributeMix> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Count == 0)
        {
            throw new ArgumentException("Give at least one attribute.", nameof(attributes));
        }

        if (attributes.Any(a => a is null || string.IsNullOrWhiteSpace(a.Attribute))
            || attributes.Select(a => a.Attribute).Distinct(StringComparer.Ordinal).Count() != attributes.Count)
        {
            throw new ArgumentException("Every attribute needs a distinct, non-empty name.", nameof(attributes));
        }

        return [.. attributes.Select(CompareOne).OrderByDescending(d => d.LargestDifference).ThenBy(d => d.Attribute, StringComparer.Ordinal)];
    }

    private static AttributeDifference CompareOne(AttributeMix attribute)
    {
        IReadOnlyList<StratumMix> levels = attribute.Levels
            ?? throw new ArgumentException($"Attribute '{attribute.Attribute}' has no levels.", nameof(attribute));
        Strata.CheckLevels(levels.Select(l => l?.Level), $"attribute '{attribute.Attribute}'");
        foreach (StratumMix level in levels)
        {
            Guard.NotNegative(level.CohortUnits, $"{attribute.Attribute}.{level.Level}.{nameof(StratumMix.CohortUnits)}");
            Guard.NotNegative(level.TargetUnits, $"{attribute.Attribute}.{level.Level}.{nameof(StratumMix.TargetUnits)}");
        }

        double cohort = levels.Sum(l => l.CohortUnits);
        double target = levels.Sum(l => l.TargetUnits);
        if (!(cohort > 0) || !(target > 0))
        {
            throw new ArgumentException($"Attribute '{attribute.Attribute}' needs units in both the cohort and the target.", nameof(attribute));
        }

        // A level the target lacks adds nothing to χ² when the cohort lacks it too, and makes χ² infinite when the
        // cohort has it: no reweighting of the target can produce those units.
        double chi2 = 0;
        int df = -1;
        var differences = new LevelDifference[levels.Count];
        for (int i = 0; i < levels.Count; i++)
        {
            double pc = levels[i].CohortUnits / cohort;
            double pt = levels[i].TargetUnits / target;
            double expected = cohort * pt;
            if (expected > 0)
            {
                double diff = levels[i].CohortUnits - expected;
                chi2 += diff * diff / expected;
                df++;
            }
            else if (levels[i].CohortUnits > 0)
            {
                chi2 = double.PositiveInfinity;
                df++;
            }

            double pooled = Math.Sqrt(((pc * (1 - pc)) + (pt * (1 - pt))) / 2);
            differences[i] = new LevelDifference(levels[i].Level, pc, pt, pooled > 0 ? (pc - pt) / pooled : 0);
        }

        df = Math.Max(df, 0);
        double p = double.IsPositiveInfinity(chi2) ? 0 : df == 0 ? 1 : SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * chi2);
        return new AttributeDifference(attribute.Attribute, chi2, df, p, differences.Max(d => Math.Abs(d.StandardizedDifference)), differences);
    }
}
