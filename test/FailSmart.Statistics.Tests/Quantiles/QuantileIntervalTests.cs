using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace FailSmart.Statistics.Tests.Quantiles;

public sealed class QuantileIntervalTests
{
    private static readonly double[] s_oneToHundred = [.. Enumerable.Range(1, 100).Select(i => (double)i)];

    [Fact]
    public void Estimate_median_of_one_to_hundred_uses_order_statistics_forty_and_sixty()
    {
        // numpy.quantile(range(1, 101), 0.5) = 50.5. Ranks 50 ∓ 1.959964·5 → floor 40, ceil 60
        // (Deng, Knoblich & Lu 2018, §4.3), so the interval is [40, 60] and SE = 20 / (2·1.959964).
        QuantileEstimate q = QuantileInterval.Estimate(s_oneToHundred, 0.5);

        q.Quantile.ShouldBe(50.5);
        q.ConfidenceInterval.ShouldBe(new Interval(40, 60));
        q.StandardError.ShouldBe(20 / (2 * 1.959963984540054), 1e-12);
    }

    [Fact]
    public void Estimate_p90_of_one_to_hundred_matches_numpy_type_seven()
    {
        // numpy.quantile(range(1, 101), 0.9) = 90.1; ranks 90 ∓ 1.959964·3 → 84 and 96.
        QuantileEstimate q = QuantileInterval.Estimate(s_oneToHundred, 0.9);

        q.Quantile.ShouldBe(90.1, 1e-12);
        q.ConfidenceInterval.ShouldBe(new Interval(84, 96));
    }

    [Fact]
    public void Estimate_median_interval_covers_the_true_median_about_95_percent_of_the_time()
    {
        // Exponential(1) has median ln 2. 2,000 seeded samples of 400 units; Monte Carlo sd ≈ 0.005.
        var random = new Xoshiro256StarStar(5);
        int covered = 0;
        double[] sample = new double[400];
        for (int i = 0; i < 2_000; i++)
        {
            Exponential.Samples(random, sample, 1.0);
            covered += QuantileInterval.Estimate(sample, 0.5).ConfidenceInterval.Contains(Math.Log(2)) ? 1 : 0;
        }

        // Order-statistic intervals are slightly conservative because the ranks are rounded outward.
        ((double)covered / 2_000).ShouldBeInRange(0.935, 0.975);
    }

    [Fact]
    public void Compare_shifted_treatment_reports_the_shift_and_a_significant_result()
    {
        double[] treatment = [.. s_oneToHundred.Select(v => v + 30)];

        Comparison c = QuantileInterval.Compare(s_oneToHundred, treatment, 0.5);

        c.Absolute.Estimate.ShouldBe(30, 1e-12);
        c.Absolute.ConfidenceIntervalZ.IsAbove(0).ShouldBeTrue();
        c.Relative.Estimate.ShouldBe(30 / 50.5, 1e-12);
    }

    [Fact]
    public void Compare_from_estimates_equals_compare_from_values()
    {
        double[] treatment = [.. s_oneToHundred.Select(v => (v * 1.1) + 3)];

        Comparison fromValues = QuantileInterval.Compare(s_oneToHundred, treatment, 0.9);
        Comparison fromEstimates = QuantileInterval.Compare(QuantileInterval.Estimate(s_oneToHundred, 0.9), QuantileInterval.Estimate(treatment, 0.9));

        fromEstimates.ShouldBe(fromValues);
    }

    [Fact]
    public void Compare_from_estimates_combines_independent_standard_errors()
    {
        // Control p50 = 100 (SE 4), treatment 110 (SE 3): difference 10, SE 5; relative 0.1 with
        // delta-method SE sqrt(3²/100² + 110²·4²/100⁴) = sqrt(0.0009 + 0.001936).
        var control = new QuantileEstimate(0.5, 100, new Interval(92, 108), 4, 1_000);
        var treatment = new QuantileEstimate(0.5, 110, new Interval(104, 116), 3, 1_000);

        Comparison c = QuantileInterval.Compare(control, treatment);

        c.Absolute.Estimate.ShouldBe(10, 1e-12);
        c.Absolute.StandardError.ShouldBe(5, 1e-12);
        c.Absolute.PValueZ.ShouldBe(0.0455002638963584, 1e-9);
        c.Relative.Estimate.ShouldBe(0.1, 1e-12);
        c.Relative.StandardError.ShouldBe(Math.Sqrt(0.0009 + 0.001936), 1e-12);
    }

    [Fact]
    public void Compare_from_estimates_refuses_a_zero_control_quantile()
    {
        var control = new QuantileEstimate(0.5, 0, new Interval(0, 0), 0, 10);
        var treatment = new QuantileEstimate(0.5, 1, new Interval(0, 2), 1, 10);

        Should.Throw<ArgumentException>(() => QuantileInterval.Compare(control, treatment)).Message.ShouldContain("control's quantile is 0");
    }

    [Fact]
    public void Compare_same_distribution_rejects_about_five_percent_of_the_time()
    {
        // A/A: both arms LogNormal(0, 1), 1,000 units each, 1,000 seeded experiments; p95 compared.
        var random = new Xoshiro256StarStar(11);
        double[] a = new double[1_000];
        double[] b = new double[1_000];
        int rejected = 0;
        for (int i = 0; i < 1_000; i++)
        {
            LogNormal.Samples(random, a, 0, 1);
            LogNormal.Samples(random, b, 0, 1);
            rejected += QuantileInterval.Compare(a, b, 0.95).Absolute.PValueZ < 0.05 ? 1 : 0;
        }

        // Monte Carlo sd ≈ 0.007; the rounded-outward ranks make the test a little conservative.
        ((double)rejected / 1_000).ShouldBeInRange(0.02, 0.075);
    }
}
