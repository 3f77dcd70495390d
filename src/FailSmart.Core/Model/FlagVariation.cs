using FailSmart.Core.Values;

namespace FailSmart.Core.Model;

/// <summary>One value a flag can serve, named by a key that experiments and rules refer to.</summary>
public sealed record FlagVariation(string Key, DataValue Value)
{
    public string? Description { get; init; }
}
