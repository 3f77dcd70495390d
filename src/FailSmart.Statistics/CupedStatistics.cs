namespace FailSmart.Statistics;

/// <summary>
/// Sufficient statistics of one arm for CUPED: the metric Y during the experiment and the same
/// metric X before exposure (the covariate), with their squares and cross product.
/// </summary>
public readonly record struct CupedStatistics(
    long N,
    double YSum,
    double YSumOfSquares,
    double XSum,
    double XSumOfSquares,
    double XYSum)
{
    public double YMean => YSum / N;

    public double XMean => XSum / N;

    // Σa·(Σb/n) rather than Σa·Σb/n: the product of two sums overflows long before the data's cross-products do.
    public double YVariance => (YSumOfSquares - (YSum * YMean)) / (N - 1);

    public double XVariance => (XSumOfSquares - (XSum * XMean)) / (N - 1);

    public double Covariance => (XYSum - (XSum * YMean)) / (N - 1);

    /// <summary>The outcome alone, for analyses that ignore the covariate.</summary>
    public MeanStatistics Outcome => new(N, YSum, YSumOfSquares);
}
