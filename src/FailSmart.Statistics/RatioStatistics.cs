namespace FailSmart.Statistics;

/// <summary>
/// Sufficient statistics of one arm for a ratio metric M/D (for example revenue per session) where
/// the randomisation unit is the user: per-unit sums of M, D, their squares and their product.
/// </summary>
public readonly record struct RatioStatistics(
    long N,
    double NumeratorSum,
    double NumeratorSumOfSquares,
    double DenominatorSum,
    double DenominatorSumOfSquares,
    double CrossSum)
{
    public double Ratio => NumeratorSum / DenominatorSum;

    public double NumeratorMean => NumeratorSum / N;

    public double DenominatorMean => DenominatorSum / N;

    // Σa·(Σb/n) rather than Σa·Σb/n: the product of two sums overflows long before the data's cross-products do.
    public double NumeratorVariance => (NumeratorSumOfSquares - (NumeratorSum * NumeratorMean)) / (N - 1);

    public double DenominatorVariance => (DenominatorSumOfSquares - (DenominatorSum * DenominatorMean)) / (N - 1);

    public double Covariance => (CrossSum - (NumeratorSum * DenominatorMean)) / (N - 1);

    /// <summary>
    /// Per-unit variance of the ratio by the delta method:
    /// Var(M)/μD² + Var(D)·μM²/μD⁴ − 2·Cov(M,D)·μM/μD³. The arm's standard error is sqrt(UnitVariance / n).
    /// </summary>
    public double UnitVariance
    {
        get
        {
            // In ratios to μD, so that no power of a large mean overflows: (σM/μD)² + (σD/μD)²r² − 2(Cov/μD²)r.
            double muD = DenominatorMean;
            double r = NumeratorMean / muD;
            double m = Math.Sqrt(NumeratorVariance) / muD;
            double d = Math.Sqrt(DenominatorVariance) / muD;
            return (m * m) + (d * d * r * r) - (2 * (Covariance / muD / muD) * r);
        }
    }
}
