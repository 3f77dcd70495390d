namespace FailSmart.Storage.Events;

/// <summary>
/// What to measure for each exposed unit, and how it enters a decision. Events count from the unit's
/// first exposure in the phase; create definitions with the factory methods, then adjust with <c>with</c>.
/// </summary>
public sealed record MetricDefinition
{
    /// <summary>A standard two-sided 95% normal quantile, the default for quantile intervals.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The metric's key, unique within a project.</summary>
    public required string Key { get; init; }

    /// <summary>How events become a per-unit value.</summary>
    public required MetricKind Kind { get; init; }

    /// <summary>The event the metric reads (a ratio's numerator).</summary>
    public required string EventName { get; init; }

    /// <summary>A ratio's denominator event.</summary>
    public string? DenominatorEventName { get; init; }

    /// <summary>How a ratio's numerator aggregates its events.</summary>
    public EventAggregate NumeratorAggregate { get; init; } = EventAggregate.Sum;

    /// <summary>How a ratio's denominator aggregates its events.</summary>
    public EventAggregate DenominatorAggregate { get; init; } = EventAggregate.Count;

    /// <summary>Only events this long after the first exposure count; null means up to the analysis time.</summary>
    public TimeSpan? Window { get; init; }

    /// <summary>The day after first exposure that retention looks at (day 1 is the 24 hours after day 0).</summary>
    public int RetentionDay { get; init; }

    /// <summary>The quantile, as a fraction (0.95 for p95).</summary>
    public double QuantileLevel { get; init; }

    /// <summary>The normal quantile for the quantile's order-statistic interval (1.96 for 95%).</summary>
    public double QuantileIntervalZ { get; init; } = Z95;

    /// <summary>Which way is better.</summary>
    public MetricDirection Direction { get; init; } = MetricDirection.Increase;

    /// <summary>What the metric decides.</summary>
    public MetricRole Role { get; init; } = MetricRole.Primary;

    /// <summary>For a guardrail: the relative harm tolerated before it fails (0.01 for 1%).</summary>
    public double? NonInferiorityMargin { get; init; }

    /// <summary>Winsorisation of per-unit values; null for none.</summary>
    public Capping? Capping { get; init; }

    /// <summary>
    /// CUPED: the same metric over this long before the first exposure becomes the covariate, which
    /// removes pre-existing differences between units from the variance. Null for none.
    /// </summary>
    public TimeSpan? CovariateWindow { get; init; }

    /// <summary>1 when the unit did the event within the window.</summary>
    public static MetricDefinition Conversion(string key, string eventName, TimeSpan? window = null) =>
        new() { Key = key, Kind = MetricKind.Conversion, EventName = eventName, Window = window };

    /// <summary>Events per unit.</summary>
    public static MetricDefinition Count(string key, string eventName, TimeSpan? window = null) =>
        new() { Key = key, Kind = MetricKind.Count, EventName = eventName, Window = window };

    /// <summary>Sum of event values per unit.</summary>
    public static MetricDefinition Sum(string key, string eventName, TimeSpan? window = null) =>
        new() { Key = key, Kind = MetricKind.Sum, EventName = eventName, Window = window };

    /// <summary>Average event value.</summary>
    public static MetricDefinition Mean(string key, string eventName, TimeSpan? window = null) =>
        new() { Key = key, Kind = MetricKind.Mean, EventName = eventName, Window = window };

    /// <summary>Numerator event's sum over denominator event's count, unless the aggregates say otherwise.</summary>
    public static MetricDefinition Ratio(string key, string numeratorEvent, string denominatorEvent, TimeSpan? window = null) =>
        new() { Key = key, Kind = MetricKind.Ratio, EventName = numeratorEvent, DenominatorEventName = denominatorEvent, Window = window };

    /// <summary>Active on day <paramref name="day"/> after first exposure.</summary>
    public static MetricDefinition Retention(string key, string eventName, int day) =>
        new() { Key = key, Kind = MetricKind.Retention, EventName = eventName, RetentionDay = day };

    /// <summary>A quantile of event values, such as p95 latency.</summary>
    public static MetricDefinition Quantile(string key, string eventName, double level, TimeSpan? window = null) =>
        new() { Key = key, Kind = MetricKind.Quantile, EventName = eventName, QuantileLevel = level, Window = window, Direction = MetricDirection.Decrease };

    /// <summary>Rejects a definition no store can compute, with a message that says what to change.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Key) || string.IsNullOrWhiteSpace(EventName))
        {
            throw new ArgumentException("A metric needs a key and an event name.");
        }

        if (Window is { } w && w <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Metric '{Key}': the window must be positive.");
        }

        if (CovariateWindow is { } c && c <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Metric '{Key}': the covariate window must be positive.");
        }

        switch (Kind)
        {
            case MetricKind.Ratio when string.IsNullOrWhiteSpace(DenominatorEventName):
                throw new ArgumentException($"Ratio metric '{Key}' needs a denominator event.");
            case MetricKind.Retention when RetentionDay < 0:
                throw new ArgumentException($"Retention metric '{Key}': the day must be 0 or more.");
            case MetricKind.Quantile when QuantileLevel is <= 0 or >= 1 || !(QuantileIntervalZ >= 0):
                throw new ArgumentException($"Quantile metric '{Key}': the level must be between 0 and 1 (0.95 for p95) and the interval z not negative.");
            case MetricKind.Quantile when Capping is not null || CovariateWindow is not null:
                throw new ArgumentException($"Quantile metric '{Key}': capping and CUPED do not apply to a quantile.");
            case MetricKind.Conversion or MetricKind.Retention when Capping is not null:
                throw new ArgumentException($"Metric '{Key}' is 0 or 1 per unit, so capping does not apply.");
            default:
                break;
        }

        if (Capping is { } cap && (cap.Kind == CappingKind.Percentile ? cap.Value is <= 0 or > 1 : !double.IsFinite(cap.Value)))
        {
            throw new ArgumentException($"Metric '{Key}': a percentile cap is a fraction in (0, 1]; a fixed cap is a finite number.");
        }
    }
}
