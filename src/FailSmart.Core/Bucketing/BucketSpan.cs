namespace FailSmart.Core.Bucketing;

/// <summary>
/// A half-open range [Start, End) of the 10,000 integer buckets of a layer or a holdout.
/// Integers, so disjointness is exact.
/// </summary>
public readonly record struct BucketSpan(int Start, int End)
{
    public static BucketSpan All => new(0, BucketHash.BucketCount);

    public bool Contains(int bucket) => bucket >= Start && bucket < End;

    public int Count => End - Start;

    public bool IsValid => Start >= 0 && End <= BucketHash.BucketCount && Start <= End;

    public bool Overlaps(BucketSpan other) => Start < other.End && other.Start < End && Count > 0 && other.Count > 0;

    /// <summary>Fraction of all buckets, e.g. 0.01 for [0, 100).</summary>
    public double Fraction => Count / (double)BucketHash.BucketCount;

    public override string ToString() => FormattableString.Invariant($"[{Start}, {End})");
}
