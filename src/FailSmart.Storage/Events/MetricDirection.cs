namespace FailSmart.Storage.Events;

/// <summary>Which way the metric should move for a variation to be better.</summary>
public enum MetricDirection
{
    /// <summary>Higher is better (conversion, revenue).</summary>
    Increase,

    /// <summary>Lower is better (latency, errors).</summary>
    Decrease,
}
