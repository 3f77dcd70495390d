namespace FailSmart.Statistics;

/// <summary>Sufficient statistics of one arm for a conversion metric: units and conversions.</summary>
public readonly record struct ProportionStatistics(long N, double Successes)
{
    public double Rate => Successes / N;

    /// <summary>Bernoulli variance p(1 - p), without the n - 1 correction.</summary>
    public double Variance => Rate * (1 - Rate);
}
