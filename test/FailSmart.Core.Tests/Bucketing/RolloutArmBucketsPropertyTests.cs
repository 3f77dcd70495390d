using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Core.Tests.Bucketing;

public sealed class RolloutArmBucketsPropertyTests
{
    private const int Scale = BucketHash.BucketCount;

    // Holdbacks in whole buckets up to 50% (what validation accepts); stages as any fraction in [0, 1].
    private static double Holdback(ushort buckets) => buckets % 5001 / (double)Scale;

    private static double Stage(uint raw) => raw % 1_000_001 / 1_000_000.0;

    private static int[] Count(RolloutArmBuckets arms)
    {
        int[] counts = new int[3];
        for (int b = 0; b < Scale; b++)
        {
            counts[(int)arms.ArmOf(b)]++;
        }

        return counts;
    }

    [Property(MaxTest = 200)]
    public Property For_counts_every_bucket_into_exact_shares(ushort holdbackBuckets, uint rawStage)
    {
        double h = Holdback(holdbackBuckets);
        double s = Stage(rawStage);
        RolloutArmBuckets arms = RolloutArmBuckets.For(h, s, Scale);
        int[] counts = Count(arms);
        int held = holdbackBuckets % 5001;
        int eligible = Scale - held;

        // In is the smallest count whose share of the eligible buckets reaches the stage: the exact
        // share whenever s × eligible is whole.
        bool ok = counts[(int)RolloutArm.Holdback] == held
            && counts[(int)RolloutArm.In] + counts[(int)RolloutArm.NotYet] == eligible
            && counts[(int)RolloutArm.In] == arms.InCount
            && counts[(int)RolloutArm.NotYet] == arms.NotYetCount
            && counts[(int)RolloutArm.Holdback] == arms.HoldbackCount
            && (decimal)counts[(int)RolloutArm.In] >= (decimal)s * eligible
            && (counts[(int)RolloutArm.In] == 0 || (decimal)(counts[(int)RolloutArm.In] - 1) < (decimal)s * eligible);
        return ok.Label($"h={h} s={s}: counts {string.Join("/", counts)}, eligible {eligible}");
    }

    [Property(MaxTest = 200)]
    public Property For_whole_percent_stage_of_whole_share_is_exact(ushort holdbackBuckets, byte rawPercent)
    {
        int held = holdbackBuckets % 5001;
        int eligible = Scale - held;
        int percent = rawPercent % 101;
        RolloutArmBuckets arms = RolloutArmBuckets.For(held / (double)Scale, percent / 100.0, Scale);
        int[] counts = Count(arms);

        bool whole = eligible * percent % 100 == 0;
        return (!whole || counts[(int)RolloutArm.In] == eligible * percent / 100)
            .Label($"{held} held, {percent}%: {counts[(int)RolloutArm.In]} in of {eligible}");
    }

    [Property(MaxTest = 200)]
    public Property For_raising_the_stage_keeps_everyone_in_and_never_moves_the_holdback(ushort holdbackBuckets, uint a, uint b)
    {
        double h = Holdback(holdbackBuckets);
        double low = Math.Min(Stage(a), Stage(b));
        double high = Math.Max(Stage(a), Stage(b));
        RolloutArmBuckets before = RolloutArmBuckets.For(h, low, Scale);
        RolloutArmBuckets after = RolloutArmBuckets.For(h, high, Scale);

        for (int bucket = 0; bucket < Scale; bucket++)
        {
            RolloutArm was = before.ArmOf(bucket);
            RolloutArm now = after.ArmOf(bucket);
            if ((was == RolloutArm.In && now != RolloutArm.In) || ((was == RolloutArm.Holdback) != (now == RolloutArm.Holdback)))
            {
                return false.Label($"h={h}: bucket {bucket} was {was} at {low}, {now} at {high}");
            }
        }

        return true.ToProperty();
    }

    [Property(MaxTest = 100)]
    public Property For_last_stage_is_exactly_everyone_not_held_back(ushort holdbackBuckets)
    {
        double h = Holdback(holdbackBuckets);
        int[] counts = Count(RolloutArmBuckets.For(h, 1.0, Scale));

        return (counts[(int)RolloutArm.In] == Scale - (holdbackBuckets % 5001) && counts[(int)RolloutArm.NotYet] == 0)
            .Label($"h={h}: {string.Join("/", counts)}");
    }

    [Fact]
    public void For_default_ladder_with_one_percent_holdback_gives_the_documented_counts()
    {
        int[] inCounts = [.. RolloutStage.DefaultLadder.Select(s => RolloutArmBuckets.For(RolloutPlan.DefaultHoldback, s.Fraction, Scale).InCount)];

        // 1% of 9,900 eligible buckets is 99; the last stage is all 9,900: 99% of every unit.
        inCounts.ShouldBe([99, 495, 990, 2475, 4950, 9900]);
        RolloutArmBuckets.For(RolloutPlan.DefaultHoldback, 0.05, Scale).SpanOf(RolloutArm.Holdback).ShouldBe(new BucketSpan(9900, 10_000));
        RolloutArmBuckets.For(RolloutPlan.DefaultHoldback, 0.05, Scale).SpanOf(RolloutArm.NotYet).ShouldBe(new BucketSpan(495, 9900));
    }

    [Fact]
    public void For_stage_zero_has_nobody_in()
    {
        RolloutArmBuckets arms = RolloutArmBuckets.For(0.01, 0, Scale);

        arms.InCount.ShouldBe(0);
        arms.ArmOf(0).ShouldBe(RolloutArm.NotYet);
        arms.NotYetCount.ShouldBe(9900);
    }
}
