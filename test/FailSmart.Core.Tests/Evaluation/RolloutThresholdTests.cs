using FailSmart.Core.Evaluation.Compiled;
using FsCheck.Xunit;

namespace FailSmart.Core.Tests.Evaluation;

/// <summary>
/// The compiled integer thresholds must decide exactly as GrowthBook's divisions: bucket / scale &lt; end
/// for experiment ranges, bucket / 10000 &lt;= coverage (nobody at 0) for rollouts.
/// </summary>
public sealed class RolloutThresholdTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.07)]
    [InlineData(0.12345)]
    [InlineData(0.99999)]
    [InlineData(1e-9)]
    public void Threshold_agrees_with_the_division_for_every_bucket(double fraction)
    {
        int threshold = FlagCompiler.BucketsBelow(fraction, 10_000);

        for (int bucket = 0; bucket < 10_000; bucket++)
        {
            (bucket < threshold).ShouldBe(bucket / 10_000.0 < fraction, $"bucket {bucket}, fraction {fraction}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(0.1)]
    [InlineData(0.3)]
    [InlineData(0.07)]
    [InlineData(0.12345)]
    [InlineData(0.99999)]
    [InlineData(0.0001)]
    [InlineData(1e-9)]
    public void Rollout_threshold_agrees_with_growthbooks_inclusive_test_for_every_bucket(double fraction)
    {
        int threshold = FlagCompiler.BucketsThrough(fraction, 10_000);

        for (int bucket = 0; bucket < 10_000; bucket++)
        {
            (bucket < threshold).ShouldBe(fraction != 0 && bucket / 10_000.0 <= fraction, $"bucket {bucket}, fraction {fraction}");
        }
    }

    [Property(MaxTest = 300)]
    public bool Rollout_threshold_agrees_with_growthbooks_inclusive_test_for_any_fraction(int numerator)
    {
        double fraction = Math.Abs(numerator % 1_000_001) / 1_000_000.0;
        int threshold = FlagCompiler.BucketsThrough(fraction, 10_000);
        return Enumerable.Range(0, 10_000).All(bucket => (bucket < threshold) == (fraction != 0 && bucket / 10_000.0 <= fraction));
    }

    // Version 1 has 1,000 buckets: its point is bucket / 1000, compared with n <= coverage as in version 2.
    [Property(MaxTest = 300)]
    public bool Rollout_threshold_over_version_1_buckets_agrees_with_growthbooks_inclusive_test(int numerator)
    {
        double fraction = Math.Abs(numerator % 1_000_001) / 1_000_000.0;
        int threshold = FlagCompiler.BucketsThrough(fraction, 1_000);
        return Enumerable.Range(0, 1_000).All(bucket => (bucket < threshold) == (fraction != 0 && bucket / 1_000.0 <= fraction));
    }

    [Property(MaxTest = 300)]
    public bool Threshold_agrees_with_the_division_for_any_fraction(int numerator)
    {
        double fraction = Math.Abs(numerator % 1_000_001) / 1_000_000.0;
        int threshold = FlagCompiler.BucketsBelow(fraction, 10_000);
        return Enumerable.Range(0, 10_000).All(bucket => (bucket < threshold) == (bucket / 10_000.0 < fraction));
    }

    [Property(MaxTest = 200)]
    public bool Variation_choice_on_buckets_agrees_with_choosing_on_the_point(byte w0, byte w1, byte w2, byte coveragePercent, bool versionOne)
    {
        double total = w0 + w1 + w2 + 3.0;
        double[] weights = [(w0 + 1) / total, (w1 + 1) / total, (w2 + 1) / total];
        double coverage = coveragePercent / 255.0;
        var experiment = new Core.Model.Experiment("e", [new("a", weights[0]), new("b", weights[1]), new("c", weights[2])])
        {
            Coverage = coverage,
            HashVersion = versionOne ? Core.Bucketing.HashVersion.V1 : Core.Bucketing.HashVersion.V2,
        };
        Core.Bucketing.BucketRange[] ranges = Core.Bucketing.VariationRanges.Compute(3, coverage, weights);
        var compiled = new CompiledExperiment(experiment, ranges, null);
        int scale = versionOne ? 1000 : 10_000;

        return Enumerable.Range(0, scale).All(bucket => compiled.Choose(bucket) == Core.Bucketing.VariationRanges.Choose(bucket / (double)scale, ranges));
    }
}
