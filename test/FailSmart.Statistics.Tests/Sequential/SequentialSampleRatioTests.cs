namespace FailSmart.Statistics.Tests.Sequential;

/// <summary>
/// Reference values computed once with SciPy 1.10.1:
/// <code>
/// th = th / th.sum(); a = k * th
/// gammaln(k) - gammaln(k + x.sum()) + sum(gammaln(a + x) - gammaln(a)) - sum(x * log(th))
/// </code>
/// </summary>
public sealed class SequentialSampleRatioTests
{
    [Theory]
    [InlineData(new long[] { 4950, 5050 }, new[] { 0.5, 0.5 }, 100, -1.8149288503118441)]
    [InlineData(new long[] { 5300, 4700 }, new[] { 0.5, 0.5 }, 100, 15.524011683468416)]
    [InlineData(new long[] { 89100, 9900, 1000 }, new[] { 0.891, 0.099, 0.01 }, 100, -6.998241083208995)]
    [InlineData(new long[] { 89100, 9500, 1400 }, new[] { 0.891, 0.099, 0.01 }, 100, 72.03550021347473)]
    [InlineData(new long[] { 3, 1, 0 }, new[] { 0.5, 0.3, 0.2 }, 2.5, -0.16941815195804644)]
    public void Test_log_bayes_factor_matches_scipy_gammaln(long[] counts, double[] shares, double concentration, double expected)
    {
        SequentialSampleRatioResult r = SequentialSampleRatio.Test(counts, shares, 0.001, concentration);

        r.LogBayesFactor.ShouldBe(expected, Math.Abs(expected) * 1e-9);
        r.PValue.ShouldBe(Math.Min(1, Math.Exp(-expected)), 1e-12);
        r.Mismatch.ShouldBe(expected >= -Math.Log(0.001));
    }

    [Fact]
    public void Test_shares_need_not_sum_to_one()
    {
        SequentialSampleRatioResult weights = SequentialSampleRatio.Test([5300, 4700], [1, 1]);

        weights.LogBayesFactor.ShouldBe(15.524011683468416, 1e-8);
        weights.Mismatch.ShouldBeTrue();
    }

    [Fact]
    public void Test_an_arm_planned_at_zero_takes_no_part_until_units_reach_it()
    {
        SequentialSampleRatioResult without = SequentialSampleRatio.Test([4950, 5050, 0], [0.5, 0.5, 0]);
        SequentialSampleRatioResult reached = SequentialSampleRatio.Test([4950, 5050, 1], [0.5, 0.5, 0]);

        without.LogBayesFactor.ShouldBe(-1.8149288503118441, 1e-9);
        reached.Mismatch.ShouldBeTrue();
        reached.PValue.ShouldBe(0);
    }

    [Fact]
    public void Test_with_no_units_has_no_evidence()
    {
        SequentialSampleRatioResult r = SequentialSampleRatio.Test([0, 0, 0], [0.9, 0.09, 0.01]);

        r.LogBayesFactor.ShouldBe(0, 1e-12);
        r.PValue.ShouldBe(1);
        r.Mismatch.ShouldBeFalse();
    }

    [Fact]
    public void Test_stays_finite_for_billions_of_units()
    {
        SequentialSampleRatioResult r = SequentialSampleRatio.Test([5_000_000_000, 5_000_000_000], [0.5, 0.5]);

        double.IsFinite(r.LogBayesFactor).ShouldBeTrue();
        r.Mismatch.ShouldBeFalse();
    }

    [Fact]
    public void Test_refuses_mismatched_lengths_and_negative_input()
    {
        Should.Throw<ArgumentException>(() => SequentialSampleRatio.Test([1, 2], [1.0]));
        Should.Throw<ArgumentOutOfRangeException>(() => SequentialSampleRatio.Test([1, -2], [1.0, 1.0]));
        Should.Throw<ArgumentOutOfRangeException>(() => SequentialSampleRatio.Test([1, 2], [1.0, -1.0]));
        Should.Throw<ArgumentException>(() => SequentialSampleRatio.Test([0, 0], [0.0, 0.0]));
    }
}
