namespace FailSmart.Application.Features;

/// <summary>The money side of a feature, all optional: without them the curve is in person-days and metric units.</summary>
/// <param name="PerUnit">What one unit of change in the hypothesis metric, per unit reached, is worth (a conversion: the margin of an order).</param>
/// <param name="Currency">ISO 4217 code of both amounts ("EUR").</param>
/// <param name="CostPerPersonDay">What a person-day of effort costs.</param>
public sealed record FeatureValue(double? PerUnit = null, string? Currency = null, double? CostPerPersonDay = null);
