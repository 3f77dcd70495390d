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

    public double YVariance => (YSumOfSquares - (YSum * YSum / N)) / (N - 1);

    public double XVariance => (XSumOfSquares - (XSum * XSum / N)) / (N - 1);

    public double Covariance => (XYSum - (XSum * YSum / N)) / (N - 1);

    /// <summary>The outcome alone, for analyses that ignore the covariate.</summary>
    public MeanStatistics Outcome => new(N, YSum, YSumOfSquares);
}
