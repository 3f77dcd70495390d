namespace FailSmart.Core.Bucketing;

/// <summary>
/// Turns weights and coverage into variation ranges and picks a variation for a point, with
/// GrowthBook's exact rules (invalid weights fall back to equal weights, coverage is clamped).
/// </summary>
public static class VariationRanges
{
    /// <summary>Weight tolerance: weights summing within [0.99, 1.01] are accepted.</summary>
    public const double WeightTolerance = 0.01;

    public static IReadOnlyList<double> EqualWeights(int count)
    {
        if (count <= 0)
        {
            return [];
        }

        var weights = new double[count];
        Array.Fill(weights, 1.0 / count);
        return weights;
    }

    /// <summary>
    /// Each variation i gets [cumulative weight before i, that + coverage × weight i). Raising
    /// coverage only extends each range, so a unit already in keeps its variation.
    /// </summary>
    public static BucketRange[] Compute(int variationCount, double coverage, IReadOnlyList<double>? weights)
    {
        coverage = double.IsNaN(coverage) ? 1 : Math.Clamp(coverage, 0, 1);
        IReadOnlyList<double> equal = EqualWeights(variationCount);
        IReadOnlyList<double> chosen = weights ?? equal;
        if (chosen.Count != variationCount || !SumsToOne(chosen))
        {
            chosen = equal;
        }

        var ranges = new BucketRange[chosen.Count];
        double cumulative = 0;
        for (int i = 0; i < chosen.Count; i++)
        {
            double start = cumulative;
            cumulative += chosen[i];
            ranges[i] = new BucketRange(start, start + (coverage * chosen[i]));
        }

        return ranges;
    }

    public static bool SumsToOne(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        double total = 0;
        foreach (double w in weights)
        {
            total += w;
        }

        return total >= 1 - WeightTolerance && total <= 1 + WeightTolerance;
    }

    /// <summary>The index of the first range containing <paramref name="point"/>, or -1.</summary>
    public static int Choose(double point, ReadOnlySpan<BucketRange> ranges)
    {
        for (int i = 0; i < ranges.Length; i++)
        {
            if (ranges[i].Contains(point))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>GrowthBook's namespace test: the version 1 hash of the id with seed "__" + namespace.</summary>
    public static bool InNamespace(string unitId, string namespaceId, double start, double end)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        ArgumentNullException.ThrowIfNull(namespaceId);
        double n = BucketHash.BucketV1("__" + namespaceId, unitId) / 1000.0;
        return n >= start && n < end;
    }
}
