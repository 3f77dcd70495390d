namespace FailSmart.Statistics;

/// <summary>
/// The reweighted ratio effect of <see cref="PostStratification.EstimateRatio"/>: per arm R = Σ wₕM̄ₕ / Σ wₕD̄ₕ, and by
/// the delta method Var(R) = Σ wₕ² Var(M − R·D)ₕ / (nₕ D̄²) with D̄ = Σ wₕD̄ₕ, strata and arms independent.
/// </summary>
internal static class RatioEstimate
{
    public static void Check(RatioStatistics arm, string name)
    {
        double[] sums = [arm.NumeratorSum, arm.NumeratorSumOfSquares, arm.DenominatorSum, arm.DenominatorSumOfSquares, arm.CrossSum];
        if (arm.N < 0 || sums.Any(s => !double.IsFinite(s)) || arm.NumeratorSumOfSquares < 0 || arm.DenominatorSumOfSquares < 0)
        {
            throw new ArgumentOutOfRangeException(name, arm, "Each arm needs a non-negative count, finite sums and finite, non-negative sums of squares.");
        }
    }

    /// <summary>An arm speaks for its stratum with two units (a variance) and a positive denominator (a ratio).</summary>
    public static bool Usable(RatioStatistics arm) => arm.N >= 2 && arm.DenominatorSum > 0;

    public static RatioStatistics Pool(IEnumerable<RatioStatistics> arms) => arms.Aggregate(
        new RatioStatistics(0, 0, 0, 0, 0, 0),
        (a, b) => new RatioStatistics(
            a.N + b.N, a.NumeratorSum + b.NumeratorSum, a.NumeratorSumOfSquares + b.NumeratorSumOfSquares,
            a.DenominatorSum + b.DenominatorSum, a.DenominatorSumOfSquares + b.DenominatorSumOfSquares, a.CrossSum + b.CrossSum));

    // weights: per stratum, zero where the stratum is left out; the others sum to one.
    public static NormalEstimate Effect(IReadOnlyList<RatioStratumArms> strata, double[] weights, double alpha)
    {
        (double control, double controlVariance) = Arm(strata.Select(s => s.Control).ToArray(), weights);
        (double treatment, double treatmentVariance) = Arm(strata.Select(s => s.Treatment).ToArray(), weights);
        return NormalEstimate.Create(treatment - control, Math.Sqrt(controlVariance + treatmentVariance), alpha);
    }

    private static (double Ratio, double Variance) Arm(RatioStatistics[] arms, double[] weights)
    {
        double numerator = 0;
        double denominator = 0;
        for (int h = 0; h < arms.Length; h++)
        {
            if (weights[h] > 0)
            {
                numerator += weights[h] * arms[h].NumeratorMean;
                denominator += weights[h] * arms[h].DenominatorMean;
            }
        }

        double ratio = numerator / denominator;
        double variance = 0;
        for (int h = 0; h < arms.Length; h++)
        {
            if (weights[h] > 0)
            {
                // Var(M − R·D) within the stratum, in ratios to D̄ so that no square of a large mean overflows.
                RatioStatistics a = arms[h];
                double m = Math.Sqrt(a.NumeratorVariance) / denominator;
                double d = Math.Sqrt(a.DenominatorVariance) / denominator;
                double linearised = (m * m) + (d * d * ratio * ratio) - (2 * (a.Covariance / denominator / denominator) * ratio);
                variance += weights[h] * weights[h] * Math.Max(linearised, 0) / a.N;
            }
        }

        return (ratio, variance);
    }
}
