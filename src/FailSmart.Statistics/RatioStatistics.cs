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

    public double NumeratorVariance => (NumeratorSumOfSquares - (NumeratorSum * NumeratorSum / N)) / (N - 1);

    public double DenominatorVariance => (DenominatorSumOfSquares - (DenominatorSum * DenominatorSum / N)) / (N - 1);

    public double Covariance => (CrossSum - (NumeratorSum * DenominatorSum / N)) / (N - 1);

    /// <summary>
    /// Per-unit variance of the ratio by the delta method:
    /// Var(M)/μD² + Var(D)·μM²/μD⁴ − 2·Cov(M,D)·μM/μD³. The arm's standard error is sqrt(UnitVariance / n).
    /// </summary>
    public double UnitVariance
    {
        get
        {
            double muM = NumeratorMean;
            double muD = DenominatorMean;
            double muD2 = muD * muD;
            return (NumeratorVariance / muD2)
                + (DenominatorVariance * muM * muM / (muD2 * muD2))
                - (2 * Covariance * muM / (muD2 * muD));
        }
    }
}
