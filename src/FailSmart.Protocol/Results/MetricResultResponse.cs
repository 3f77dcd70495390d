namespace FailSmart.Protocol.Results;

/// <summary>One metric: the control's statistics and each treatment against the control.</summary>
/// <param name="Metric">The metric key.</param>
/// <param name="Type">conversion, count, sum, mean, ratio, retention or quantile.</param>
/// <param name="Role">primary, secondary or guardrail.</param>
/// <param name="Direction">increase or decrease: which way is better.</param>
/// <param name="CapValue">The cap applied to per-unit values, when the metric is capped.</param>
/// <param name="Variations">The control first, then each treatment, in configuration order.</param>
/// <param name="Breakdown">The breakdown by a unit attribute, when one was asked for.</param>
/// <param name="Problem">Why the metric could not be compared (its sums are beyond the range of a 64-bit float); null when it could.</param>
/// <param name="Factorial">For a factorial launch: the features' main effects, their interactions and the bundle's effect; null for an ordinary experiment.</param>
public sealed record MetricResultResponse(
    string Metric,
    string Type,
    string Role,
    string Direction,
    double? CapValue,
    IReadOnlyList<VariationResultResponse> Variations,
    BreakdownResponse? Breakdown = null,
    string? Problem = null,
    FactorialMetricResponse? Factorial = null);
