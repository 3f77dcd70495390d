namespace FailSmart.Core.Model;

/// <summary>
/// A layer: 10,000 buckets hashed with one salt. Each experiment in it owns a disjoint span of
/// buckets, so no unit can be in two of them.
/// </summary>
public sealed record Layer(string Key, string Salt)
{
    /// <summary>Every experiment in the layer must hash this attribute, or exclusion would not hold per unit.</summary>
    public string HashAttribute { get; init; } = "id";

    public string? Description { get; init; }
}
