namespace FailSmart.Core.Bucketing;

/// <summary>
/// Deterministic assignment of a unit to a point in [0, 1). Identical to GrowthBook's <c>hash()</c>,
/// so every GrowthBook-compatible SDK assigns the same units to the same buckets.
/// </summary>
public static class BucketHash
{
    /// <summary>Number of buckets in version 2 (and in a layer).</summary>
    public const int BucketCount = 10_000;

    /// <summary>
    /// GrowthBook's <c>hash(seed, value, version)</c>: a number in [0, 1), or null for an unknown version.
    /// </summary>
    public static double? Hash(string seed, string value, int version)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(value);
        return version switch
        {
            2 => BucketV2(seed, value) / (double)BucketCount,
            1 => BucketV1(seed, value) / 1000.0,
            _ => null,
        };
    }

    /// <summary>Version 2 bucket in [0, 10000): fnv1a32 of the decimal text of fnv1a32(seed + value).</summary>
    public static int BucketV2(ReadOnlySpan<char> seed, ReadOnlySpan<char> value) =>
        FinishV2(Fnv1a32.Append(Fnv1a32.Append(Fnv1a32.OffsetBasis, seed), value));

    /// <summary>Version 1 bucket in [0, 1000): fnv1a32(value + seed) mod 1000.</summary>
    public static int BucketV1(ReadOnlySpan<char> seed, ReadOnlySpan<char> value) =>
        (int)(Fnv1a32.Append(Fnv1a32.Append(Fnv1a32.OffsetBasis, value), seed) % 1000);

    /// <summary>The hash state after the seed, so a seed used for every unit is hashed once.</summary>
    internal static uint SeedState(string seed) => Fnv1a32.Append(Fnv1a32.OffsetBasis, seed);

    internal static int BucketV2FromSeedState(uint seedState, ReadOnlySpan<char> value) =>
        FinishV2(Fnv1a32.Append(seedState, value));

    internal static int FinishV2(uint firstPass) => BucketOf(Fnv1a32.HashDecimal(firstPass));

    /// <summary>The version 2 bucket from the second pass (the hash of the first pass's decimal digits).</summary>
    internal static int BucketOf(uint secondPass) => (int)(secondPass % BucketCount);
}
