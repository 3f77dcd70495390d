using FailSmart.Core.Model;

namespace FailSmart.Core.Bucketing;

/// <summary>
/// Where a guarded rollout's arms lie among the rollout hash's buckets: in is [0, InEnd), not yet is
/// [InEnd, HoldbackStart), holdback is [HoldbackStart, Scale). The holdback is the top block, sized
/// by the holdback alone, so no stage ever reaches it; in always starts at bucket 0, so raising the
/// stage keeps everyone who was in.
/// </summary>
/// <remarks>
/// Counts are exact: the holdback is the ⌈h × scale⌉ buckets (h × scale when the holdback is a whole
/// number of buckets, as validation requires), and in is the ⌈s × eligible⌉ buckets of the eligible
/// (not held back) ones, which is s × eligible whenever that is a whole number. Unlike an unguarded
/// rollout (GrowthBook's inclusive <c>n &lt;= coverage</c>, one bucket more), the arms are half-open.
/// </remarks>
public readonly record struct RolloutArmBuckets(int InEnd, int HoldbackStart, int Scale)
{
    /// <summary>The arms of a rollout at <paramref name="stage"/> with <paramref name="holdback"/> held back, over <paramref name="scale"/> buckets.</summary>
    /// <param name="holdback">Fraction of all the rule's units held back, in [0, 1).</param>
    /// <param name="stage">Fraction of the units not held back that are in, in [0, 1].</param>
    /// <param name="scale">Buckets of the hash (10,000 for version 2).</param>
    public static RolloutArmBuckets For(double holdback, double stage, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        int held = CountBelow(holdback, scale);
        int eligible = scale - held;
        return new RolloutArmBuckets(CountBelow(stage, eligible), eligible, scale);
    }

    /// <summary>The arms of a guarded rollout rule as it serves now.</summary>
    public static RolloutArmBuckets For(RolloutPlan plan, RolloutStage stage, int scale)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return For(plan.Holdback, stage.Fraction, scale);
    }

    /// <summary>Buckets that can ever get the feature (everyone not held back).</summary>
    public int Eligible => HoldbackStart;

    public int InCount => InEnd;

    public int NotYetCount => HoldbackStart - InEnd;

    public int HoldbackCount => Scale - HoldbackStart;

    /// <summary>The arm of a bucket in [0, Scale).</summary>
    public RolloutArm ArmOf(int bucket) =>
        bucket < InEnd ? RolloutArm.In : bucket < HoldbackStart ? RolloutArm.NotYet : RolloutArm.Holdback;

    /// <summary>The half-open span of buckets an arm holds.</summary>
    public BucketSpan SpanOf(RolloutArm arm) => arm switch
    {
        RolloutArm.In => new BucketSpan(0, InEnd),
        RolloutArm.NotYet => new BucketSpan(InEnd, HoldbackStart),
        _ => new BucketSpan(HoldbackStart, Scale),
    };

    /// <summary>The same span as a range of the unit interval, as a GrowthBook experiment's <c>ranges</c> hold it.</summary>
    public BucketRange RangeOf(RolloutArm arm)
    {
        BucketSpan span = SpanOf(arm);
        return new BucketRange(span.Start / (double)Scale, span.End / (double)Scale);
    }

    // How many k in [0, count) have k / count < fraction: ⌈fraction × count⌉, decided by the same
    // division the share is written with, so a whole-number share is exact.
    private static int CountBelow(double fraction, int count)
    {
        if (!(fraction > 0) || count == 0)
        {
            return 0;
        }

        int k = (int)Math.Clamp(Math.Ceiling(fraction * count), 0, count);
        while (k > 0 && (k - 1) / (double)count >= fraction)
        {
            k--;
        }

        while (k < count && k / (double)count < fraction)
        {
            k++;
        }

        return k;
    }
}
