using FailSmart.Core.Bucketing;
using FailSmart.Core.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Core.Tests.Bucketing;

public sealed class BucketHashPropertyTests
{
    private const int Bins = 100;

    // Chi-square with 99 degrees of freedom: 99 ± 14; 180 is beyond p = 1e-6, so a fair hash fails
    // about once in a million seeds while a 3% bias in one bin already pushes the statistic past it.
    private const double ChiSquareLimit = 180;

    private static readonly string[] s_ids = UnitIds.Generate(100_000);

    [Property(MaxTest = 25)]
    public Property BucketV2_is_uniform_over_100000_ids_for_any_seed(NonNull<string> seed)
    {
        var counts = new int[Bins];
        foreach (string id in s_ids)
        {
            counts[BucketHash.BucketV2(seed.Get, id) * Bins / BucketHash.BucketCount]++;
        }

        double expected = s_ids.Length / (double)Bins;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        return (chiSquare < ChiSquareLimit).Label($"chi-square {chiSquare:F1} for seed '{seed.Get}'");
    }

    [Property]
    public bool Hash_is_stable_for_the_same_seed_and_value(NonNull<string> seed, NonNull<string> value) =>
        BucketHash.Hash(seed.Get, value.Get, 2) == BucketHash.Hash(new string(seed.Get.AsSpan()), new string(value.Get.AsSpan()), 2);

    [Property]
    public bool Hash_is_in_the_unit_interval(NonNull<string> seed, NonNull<string> value, bool v1)
    {
        double n = BucketHash.Hash(seed.Get, value.Get, v1 ? 1 : 2)!.Value;
        return n >= 0 && n < 1;
    }

    [Fact]
    public void BucketV2_chi_square_detects_a_biased_bucketing()
    {
        // The statistic must be able to fail: folding the top 3% of buckets onto the bottom fails it.
        var counts = new int[Bins];
        foreach (string id in s_ids)
        {
            int bucket = BucketHash.BucketV2("seed", id);
            counts[(bucket >= 9700 ? bucket - 9700 : bucket) * Bins / BucketHash.BucketCount]++;
        }

        double expected = s_ids.Length / (double)Bins;
        counts.Sum(c => (c - expected) * (c - expected) / expected).ShouldBeGreaterThan(ChiSquareLimit);
    }
}
