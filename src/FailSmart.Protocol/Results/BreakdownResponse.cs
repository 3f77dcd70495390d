namespace FailSmart.Protocol.Results;

/// <summary>
/// A metric broken down by a unit attribute (read from each unit's first exposure). Every segment's
/// p-value is corrected for the number of comparisons (<see cref="Correction"/>), so a segment that
/// "wins" by chance among many is not reported as significant.
/// </summary>
public sealed record BreakdownResponse(string Attribute, string Correction, IReadOnlyList<SegmentResultResponse> Segments);
