namespace FailSmart.Storage.Events;

/// <summary>How many distinct units share one value of an attribute.</summary>
/// <param name="Value">The attribute value; null for units whose first exposure did not carry it.</param>
/// <param name="Units">Distinct units.</param>
public sealed record AttributeUnits(string? Value, long Units);
