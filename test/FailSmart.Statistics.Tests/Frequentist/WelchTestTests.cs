namespace FailSmart.Statistics.Tests.Frequentist;

public sealed class WelchTestTests
{
    // Raw data: control [12.1, 9.8, 11.4, 10.2, 13.0, 9.1, 10.7, 11.9], treatment [12.9, 13.4, 11.8,
    // 14.1, 12.2, 13.7, 12.5]. SciPy 1.10.1: ttest_ind(t, c, equal_var=False) = (3.428365806757119,
    // 0.004999381179704421).
    private static readonly MeanStatistics s_control = new(8, 88.2, 984.3600000000001);
    private static readonly MeanStatistics s_treatment = new(7, 90.60000000000001, 1176.7999999999997);

    [Fact]
    public void Compare_small_samples_match_scipy_ttest_ind()
    {
        MeanComparison c = WelchTest.Compare(s_control, s_treatment);

        c.Absolute.Statistic.ShouldBe(3.428365806757119, 1e-12);
        c.Absolute.PValueT.ShouldBe(0.004999381179704421, 1e-15);
    }

    [Fact]
    public void Compare_t_interval_excludes_zero_exactly_when_p_is_below_alpha()
    {
        MeanComparison c = WelchTest.Compare(s_control, s_treatment, alpha: 0.004);

        c.Absolute.PValueT.ShouldBeGreaterThan(0.004);
        c.Absolute.ConfidenceIntervalT.Contains(0).ShouldBeTrue();
    }

    [Fact]
    public void Compare_arm_with_one_unit_is_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => WelchTest.Compare(new MeanStatistics(1, 3, 9), s_treatment));
    }
}
