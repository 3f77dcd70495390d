namespace FailSmart.Protocol.Results;

/// <summary>
/// One term of a factorial launch's reading of a metric over time: a feature's main effect, or the bundle (all on
/// against all off), in the metric's own unit, as of the end of each day.
/// </summary>
/// <param name="Kind">main-effect or bundle.</param>
/// <param name="Name">The feature (flag key) for a main effect; "bundle" for the bundle.</param>
/// <param name="Points">One point per day, oldest first, at the same moments as the metric's other series.</param>
public sealed record FactorialTimelineResponse(string Kind, string Name, IReadOnlyList<FactorialTimelinePointResponse> Points);

/// <summary>The cumulative factorial reading as of one moment (the end of a day, or now for the last point).</summary>
/// <param name="AsOf">Exposures and events up to this moment are included.</param>
/// <param name="Units">Units analysed over all the cells so far.</param>
/// <param name="Estimate">The effect in the metric's own unit; null while the cells cannot be told apart yet (too early).</param>
/// <param name="Lower">The fixed-horizon interval's lower bound, at the analysis's level, as the results report it.</param>
/// <param name="Upper">The fixed-horizon interval's upper bound.</param>
/// <param name="PValue">The two-sided p-value of no effect.</param>
public sealed record FactorialTimelinePointResponse(DateTimeOffset AsOf, long Units, double? Estimate, double? Lower, double? Upper, double? PValue);
