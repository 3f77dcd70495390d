namespace FailSmart.Storage.Events;

/// <summary>
/// A sample quantile with a distribution-free interval from order statistics. With n values sorted
/// ascending and x(k) the k-th (1-based, clamped to 1..n): the estimate is x(⌈n·q⌉), the bounds are
/// x(⌊n·q − z·√(n·q·(1−q))⌋) and x(⌈n·q + z·√(n·q·(1−q))⌉).
/// </summary>
/// <param name="Level">q.</param>
/// <param name="Count">n, the number of event values.</param>
/// <param name="Estimate">The sample quantile.</param>
/// <param name="LowerBound">The interval's lower order statistic.</param>
/// <param name="UpperBound">The interval's upper order statistic.</param>
public sealed record QuantileEstimate(double Level, long Count, double Estimate, double LowerBound, double UpperBound);
