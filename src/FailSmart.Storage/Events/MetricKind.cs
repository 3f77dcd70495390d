namespace FailSmart.Storage.Events;

/// <summary>How a metric turns a unit's events into the number that is compared between variations.</summary>
public enum MetricKind
{
    /// <summary>1 when the unit did the event within the window after its first exposure, else 0.</summary>
    Conversion,

    /// <summary>How many times the unit did the event within the window.</summary>
    Count,

    /// <summary>The sum of the event's values for the unit within the window.</summary>
    Sum,

    /// <summary>The average event value (sum of values over number of events), analysed as a ratio.</summary>
    Mean,

    /// <summary>One event's aggregate over another's (revenue per session), analysed with the delta method.</summary>
    Ratio,

    /// <summary>1 when the unit did the event on day N after its first exposure, else 0.</summary>
    Retention,

    /// <summary>A quantile of the event's values (latency p95), with an order-statistic interval.</summary>
    Quantile,
}
