namespace FailSmart.Statistics;

/// <summary>Sufficient statistics of one arm for a mean metric: count, sum and sum of squares.</summary>
public readonly record struct MeanStatistics(long N, double Sum, double SumOfSquares)
{
    public double Mean => Sum / N;

    /// <summary>
    /// Sample variance with the n - 1 denominator. Written Σy² − Σy·ȳ: Σy·ȳ never exceeds Σy², so it stays
    /// finite whenever the data's Σy² is, where (Σy)² overflows once Σy passes 1.3e154.
    /// </summary>
    public double Variance => (SumOfSquares - (Sum * Mean)) / (N - 1);
}
