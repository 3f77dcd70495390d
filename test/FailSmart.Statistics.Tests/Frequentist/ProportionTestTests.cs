namespace FailSmart.Statistics.Tests.Frequentist;

public sealed class ProportionTestTests
{
    [Fact]
    public void Compare_pooled_z_matches_statsmodels_proportions_ztest()
    {
        // statsmodels proportions_ztest([60, 45], [500, 500]) = (1.547337646055907, 0.12178184842585672).
        ProportionComparison c = ProportionTest.Compare(new ProportionStatistics(500, 45), new ProportionStatistics(500, 60));

        c.PooledZ.Statistic.ShouldBe(1.547337646055907, 1e-12);
        c.PooledZ.PValue.ShouldBe(0.12178184842585672, 1e-12);
    }

    [Fact]
    public void Compare_unpooled_wald_standard_error_uses_p_times_one_minus_p()
    {
        ProportionComparison c = ProportionTest.Compare(new ProportionStatistics(500, 45), new ProportionStatistics(500, 60));

        c.Absolute.Estimate.ShouldBe(0.03, 1e-15);
        c.Absolute.StandardError.ShouldBe(Math.Sqrt((0.09 * 0.91 / 500) + (0.12 * 0.88 / 500)), 1e-15);
    }
}
