namespace FailSmart.Statistics;

/// <summary>
/// One stratum of the cohort for a ratio metric (clicks per session, say): each arm's per-unit sums of the numerator
/// and the denominator, and the stratum's units in the target population.
/// </summary>
public sealed record RatioStratumArms(string Level, RatioStatistics Control, RatioStatistics Treatment, double TargetUnits);
