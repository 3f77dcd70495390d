namespace FailSmart.Statistics;

/// <summary>
/// The sequential sample-ratio check at one look: the log Bayes factor for a mismatch, 1/BF capped at 1
/// (the always-valid p-value when it is the smallest seen so far; a check that stops at its first rejection
/// needs no more), and whether it reached 1/α.
/// </summary>
public sealed record SequentialSampleRatioResult(double LogBayesFactor, double PValue, bool Mismatch, double Alpha);
