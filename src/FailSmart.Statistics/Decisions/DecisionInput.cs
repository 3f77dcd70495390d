namespace FailSmart.Statistics;

/// <summary>
/// What <see cref="DecisionRules.Decide"/> needs. <see cref="RelativeInterval"/> is the interval on the
/// relative lift; set <see cref="IntervalIsAlwaysValid"/> when it is a confidence sequence, which may be
/// read at any time. A fixed-horizon interval is only trusted once the planned sample is reached, so
/// peeking at it early never produces a "significant" status. <see cref="Now"/> comes from the caller's
/// clock (a <see cref="TimeProvider"/>), never from the system clock.
/// </summary>
public sealed record DecisionInput(
    double RelativeEstimate,
    Interval RelativeInterval,
    bool IntervalIsAlwaysValid,
    long Units,
    long PlannedUnits,
    double UnitsPerDay,
    DateTimeOffset Now,
    MetricDirection Direction = MetricDirection.HigherIsBetter,
    double MinimumProgress = 0.1);
