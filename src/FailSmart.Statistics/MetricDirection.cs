namespace FailSmart.Statistics;

/// <summary>Whether an increase in the metric is good (conversion, retention) or bad (latency, errors).</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,
}
