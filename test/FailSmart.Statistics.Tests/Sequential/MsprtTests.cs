namespace FailSmart.Statistics.Tests.Sequential;

public sealed class MsprtTests
{
    [Fact]
    public void Apply_mixing_variance_equal_to_estimate_variance_gives_z_star_4_018()
    {
        // Z*² = 2(ln 2 − 2 ln 0.025) at τ² = V, α = 0.05: Z* = 4.017687416608668.
        MsprtResult m = Msprt.Apply(0.5, 1.0, 1.0);

        m.ZStar.ShouldBe(4.017687416608668, 1e-13);
        m.ConfidenceInterval.ShouldBe(new Interval(0.5 - m.ZStar, 0.5 + m.ZStar));
    }

    [Fact]
    public void Apply_estimate_on_the_boundary_has_p_equal_to_alpha()
    {
        MsprtResult probe = Msprt.Apply(0, 1.0, 2.0);
        MsprtResult m = Msprt.Apply(probe.ZStar, 1.0, 2.0);

        m.PValue.ShouldBe(0.05, 1e-12);
    }

    [Fact]
    public void MixingVariance_is_z_squared_times_summed_unit_variances_over_units()
    {
        Msprt.MixingVariance(4, 6, 1_000).ShouldBe(1.959963984540054 * 1.959963984540054 * 10 / 1_000, 1e-15);
    }
}
