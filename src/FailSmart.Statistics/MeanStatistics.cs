namespace FailSmart.Statistics;

/// <summary>Sufficient statistics of one arm for a mean metric: count, sum and sum of squares.</summary>
public readonly record struct MeanStatistics(long N, double Sum, double SumOfSquares)
{
    public double Mean => Sum / N;

    /// <summary>Sample variance with the n - 1 denominator.</summary>
    public double Variance => (SumOfSquares - (Sum * Sum / N)) / (N - 1);
}
