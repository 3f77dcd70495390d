namespace FailSmart.Statistics;

/// <summary>
/// Sample size for a two-arm mean comparison at equal allocation: the exact (fractional) n per
/// group from the z formula, the whole n actually needed, the absolute MDE at that n and the
/// two-sided power it delivers (both tails counted).
/// </summary>
public sealed record MeanPowerResult(double ExactSamplePerGroup, long SamplePerGroup, double MinimumDetectableEffect, double PowerAtSample);
