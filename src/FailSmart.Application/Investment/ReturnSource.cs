namespace FailSmart.Application.Investment;

/// <summary>
/// Where a feature's return is measured: one linked experiment (or guarded rollout), the effect of the
/// variation that ships on the hypothesis metric, and the units it reached per day.
/// </summary>
/// <param name="Kind">"experiment" or "rollout".</param>
/// <param name="Key">The experiment key, or "flag/rule" for a rollout.</param>
/// <param name="Metric">The metric measured (the feature's hypothesis metric, else the experiment's primary).</param>
/// <param name="Variation">The variation whose effect counts: the one the verdict ships, else the best treatment.</param>
/// <param name="Effect">Its absolute effect per unit against the control, signed so that better is positive; null when not measured.</param>
/// <param name="Low">The lower bound of the effect's always-valid 95% interval (signed the same way).</param>
/// <param name="High">The upper bound.</param>
/// <param name="Units">Units of that variation first exposed on each day, oldest first.</param>
/// <param name="UnitsFrom">How <paramref name="Units"/> were found: "daily" (the results timeline's day-by-day counts) or "total" (no timeline: the whole count on the day analysed).</param>
/// <param name="NotMeasured">Why there is no effect, when there is none.</param>
public sealed record ReturnSource(
    string Kind,
    string Key,
    string? Metric,
    string? Variation,
    double? Effect,
    double? Low,
    double? High,
    IReadOnlyList<DailyUnits> Units,
    string UnitsFrom = "daily",
    string? NotMeasured = null)
{
    /// <summary>Whether it has an effect with an interval and units.</summary>
    public bool Measured => NotMeasured is null && Effect is not null && Low is not null && High is not null;
}

/// <summary>Units first reached on one day.</summary>
public sealed record DailyUnits(DateOnly Day, double Units);
