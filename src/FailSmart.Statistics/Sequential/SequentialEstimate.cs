namespace FailSmart.Statistics;

/// <summary>An always-valid estimate: the confidence sequence at this look and the always-valid p-value.</summary>
public sealed record SequentialEstimate(double Estimate, double StandardError, Interval ConfidenceInterval, double PValue);
