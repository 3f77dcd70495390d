namespace FailSmart.Statistics;

/// <summary>
/// A sample quantile with its distribution-free interval from order statistics and the standard error
/// implied by that interval's width.
/// </summary>
public sealed record QuantileEstimate(double Probability, double Quantile, Interval ConfidenceInterval, double StandardError, long N);
