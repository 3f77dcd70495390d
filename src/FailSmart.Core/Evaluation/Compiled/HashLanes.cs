namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>
/// Up to three version-2 hashes of the same unit attribute that a flag needs, computed in one pass
/// over the unit id (the FNV chains are independent, so they overlap in the CPU).
/// </summary>
internal sealed class HashLanes(string attribute, string? fallback, uint[] seedStates)
{
    public const int MaxLanes = 3;

    public string Attribute => attribute;

    public string? Fallback => fallback;

    public uint[] SeedStates => seedStates;
}
