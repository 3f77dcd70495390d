namespace FailSmart.Protocol.Results;

/// <summary>
/// `GET /api/v1/experiments/{key}/results/timeline`: one experiment phase analysed as of the end of each
/// day since its first exposure (cumulative), so the always-valid interval can be drawn over time beside
/// the fixed-horizon one.
/// </summary>
/// <param name="Experiment">The experiment key.</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="Phase">The phase analysed.</param>
/// <param name="ComputedAt">When these numbers were computed.</param>
/// <param name="Metrics">One entry per metric analysed.</param>
public sealed record ExperimentTimelineResponse(
    string Experiment,
    string Environment,
    int Phase,
    DateTimeOffset ComputedAt,
    IReadOnlyList<MetricTimelineResponse> Metrics);

/// <summary>One metric over time: one series per treatment, each against the control.</summary>
/// <param name="Metric">The metric key.</param>
/// <param name="Role">primary, secondary or guardrail.</param>
/// <param name="Direction">increase or decrease: which way is better.</param>
/// <param name="Variations">One series per treatment, in configuration order.</param>
/// <param name="Factorial">For a factorial launch: each feature's main effect, then the bundle, over time; null for an ordinary experiment.</param>
public sealed record MetricTimelineResponse(
    string Metric,
    string Role,
    string Direction,
    IReadOnlyList<VariationTimelineResponse> Variations,
    IReadOnlyList<FactorialTimelineResponse>? Factorial = null);

/// <summary>One treatment's effect against the control, day by day.</summary>
/// <param name="Index">The variation index.</param>
/// <param name="Key">The variation key.</param>
/// <param name="Points">One point per day, oldest first.</param>
public sealed record VariationTimelineResponse(int Index, string Key, IReadOnlyList<TimelinePointResponse> Points);

/// <summary>The cumulative comparison as of one moment (the end of a day, or now for the last point).</summary>
/// <param name="AsOf">Exposures and events up to this moment are included.</param>
/// <param name="ControlUnits">Analysed control units so far.</param>
/// <param name="Units">Analysed units of this treatment so far.</param>
/// <param name="RelativeLift">Treatment over control minus 1; null while it cannot be computed.</param>
/// <param name="Lower">The always-valid 95% interval's lower bound on the relative lift: safe to read at every look.</param>
/// <param name="Upper">The always-valid interval's upper bound.</param>
/// <param name="FixedLower">The fixed-horizon 95% interval's lower bound: valid only when read once, at the planned sample.</param>
/// <param name="FixedUpper">The fixed-horizon interval's upper bound.</param>
public sealed record TimelinePointResponse(
    DateTimeOffset AsOf,
    long ControlUnits,
    long Units,
    double? RelativeLift,
    double? Lower,
    double? Upper,
    double? FixedLower,
    double? FixedUpper);
