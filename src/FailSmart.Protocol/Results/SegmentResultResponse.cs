namespace FailSmart.Protocol.Results;

/// <summary>One treatment against the control within one attribute value.</summary>
/// <param name="Value">The attribute value; null for units whose exposure did not carry it.</param>
/// <param name="Variation">The treatment's key.</param>
/// <param name="ControlUnits">Control units in the segment.</param>
/// <param name="TreatmentUnits">Treatment units in the segment.</param>
/// <param name="RelativeLift">The treatment over the control minus 1, or null when the segment is too small to compare.</param>
/// <param name="PValue">The fixed-horizon p-value, before correction.</param>
/// <param name="AdjustedPValue">The p-value after the multiple-testing correction.</param>
/// <param name="Significant">True when the adjusted p-value is below 0.05.</param>
public sealed record SegmentResultResponse(
    string? Value,
    string Variation,
    long ControlUnits,
    long TreatmentUnits,
    double? RelativeLift,
    double? PValue,
    double? AdjustedPValue,
    bool Significant);
