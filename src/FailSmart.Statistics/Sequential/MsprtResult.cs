namespace FailSmart.Statistics;

/// <summary>The mSPRT critical value Z*, the interval estimate ± Z*·SE, and the adjusted p-value.</summary>
public sealed record MsprtResult(double ZStar, Interval ConfidenceInterval, double PValue);
