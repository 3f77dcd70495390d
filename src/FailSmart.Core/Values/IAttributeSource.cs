namespace FailSmart.Core.Values;

/// <summary>
/// Where evaluation reads a unit's attributes. Implement it over your own request or user type to
/// avoid copying; lookups return a <see cref="DataValue"/> struct, so nothing is boxed.
/// </summary>
public interface IAttributeSource
{
    /// <summary>Returns false when the attribute is absent (conditions then read it as null).</summary>
    bool TryGetAttribute(string name, out DataValue value);
}
