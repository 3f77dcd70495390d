namespace FailSmart.Storage.Events;

/// <summary>The sufficient statistics of the units that share one value of an attribute.</summary>
/// <param name="Value">The attribute value; null for units whose first exposure did not carry it.</param>
/// <param name="Variations">One entry per variation, by variation index.</param>
public sealed record SegmentStatistics(string? Value, IReadOnlyList<VariationStatistics> Variations);
