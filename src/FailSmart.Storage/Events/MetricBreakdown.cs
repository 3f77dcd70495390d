namespace FailSmart.Storage.Events;

/// <summary>One metric broken down by a unit attribute (country, platform).</summary>
/// <param name="MetricKey">The metric.</param>
/// <param name="Attribute">The exposure property the units are grouped by.</param>
/// <param name="Segments">One entry per attribute value, ordered by value, missing values first.</param>
/// <param name="CapValue">The cap applied; a percentile cap is computed over all units, not per segment.</param>
public sealed record MetricBreakdown(string MetricKey, string Attribute, IReadOnlyList<SegmentStatistics> Segments, double? CapValue);
