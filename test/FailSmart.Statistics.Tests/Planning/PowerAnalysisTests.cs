namespace FailSmart.Statistics.Tests.Planning;

public sealed class PowerAnalysisTests
{
    [Fact]
    public void ForMeans_textbook_example_needs_63_per_group()
    {
        // δ/σ = 0.5 at α = 0.05, power 0.8: n = 2(1.959964 + 0.841621)²/0.25 = 62.79 → 63
        // (Chow, Shao & Wang 2008, §3.2; statsmodels NormalIndPower().solve_power(0.5) = 62.79).
        MeanPowerResult r = PowerAnalysis.ForMeans(0.05, 0.8, mean: 10, standardDeviation: 10, relativeMde: 0.5);

        r.ExactSamplePerGroup.ShouldBe(62.79, 0.01);
        r.SamplePerGroup.ShouldBe(63);
        r.PowerAtSample.ShouldBeGreaterThan(0.8);
    }

    [Fact]
    public void MinimumDetectableEffectForProportion_inverts_the_sample_size()
    {
        // Unpooled n for 30% → 30.6% (δ = 0.006) is ≈ 92,000 per group; at that n the MDE is ≈ 0.006.
        double n = PowerAnalysis.ForProportions(0.05, 0.8, 0.30, 0.306).Unpooled;
        double mde = PowerAnalysis.MinimumDetectableEffectForProportion(0.05, 0.8, 0.30, n);

        mde.ShouldBe(0.006, 0.00005);
    }

    [Fact]
    public void SolveForSample_counts_both_tails_and_so_needs_slightly_fewer_units_than_one_tail()
    {
        double oneTail = 2 * Math.Pow((1.6448536269514722 + 0.8416212335729143) / 0.2, 2);
        double exact = PowerAnalysis.SolveForSample(0.1, 0.8, 0.2);

        exact.ShouldBeLessThan(oneTail);
        PowerAnalysis.Power(0.1, 0.2, exact).ShouldBe(0.8, 1e-12);
    }
}
