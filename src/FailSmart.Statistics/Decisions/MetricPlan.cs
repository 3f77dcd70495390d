namespace FailSmart.Statistics;

/// <summary>
/// How a metric is read: the planned total sample (both arms), the traffic rate used for ETAs, the
/// metric's good direction and the level. The planned sample is also the confidence sequence's tuning
/// parameter, so the sequence is narrowest when the plan is reached.
/// </summary>
public sealed record MetricPlan(
    long PlannedUnits,
    double UnitsPerDay,
    MetricDirection Direction = MetricDirection.HigherIsBetter,
    double Alpha = 0.05,
    double MinimumProgress = 0.1);
