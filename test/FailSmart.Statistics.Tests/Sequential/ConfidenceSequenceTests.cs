namespace FailSmart.Statistics.Tests.Sequential;

public sealed class ConfidenceSequenceTests
{
    [Fact]
    public void Apply_at_the_tuning_sample_widens_the_interval_to_about_3_04_standard_errors()
    {
        // With Nρ² = −2 ln α + ln(−2 ln α + 1) at N = N*, the half-width is
        // SE · sqrt(2(Nρ² + 1)/(Nρ²) · ln(sqrt(Nρ² + 1)/α)) = 3.035208990376253 SE at α = 0.05
        // (Howard et al. 2021, normal mixture; computed in Python from the same formula).
        SequentialEstimate s = ConfidenceSequence.Apply(0.1, 0.05, totalUnits: 10_000, tuningSampleSize: 10_000);

        (s.ConfidenceInterval.Width / 2).ShouldBe(3.035208990376253 * 0.05, 1e-13);
    }

    [Fact]
    public void Apply_p_value_is_below_alpha_exactly_when_the_interval_excludes_zero()
    {
        foreach (double estimate in new[] { 0.05, 0.1, 0.15, 0.2 })
        {
            SequentialEstimate s = ConfidenceSequence.Apply(estimate, 0.05, 10_000, 10_000);
            (s.PValue < 0.05).ShouldBe(!s.ConfidenceInterval.Contains(0));
        }
    }

    // Reference: an independent solution of the one-sided normal mixture M⁺(Z) = 1/α on the sum scale,
    // M⁺ = 2/√c · exp(ρ²Z²/(2c)) · Φ(ρZ/√c), c = Nρ² + 1, ρ² tuned at 2α, with scipy.optimize.brentq on
    // scipy.stats.norm.logcdf (SciPy 1.10.1), half-width = SE·Z/√N.
    [Theory]
    [InlineData(0.05, 10_000, 10_000, 0.05, 0.13830354415336601)]
    [InlineData(0.01, 50_000, 100_000, 0.05 / 6, 0.034554479116124096)]
    [InlineData(1.0, 1, 1_000_000, 0.001, 909.497921985836)]
    [InlineData(0.02, 2_000_000, 100_000, 0.025, 0.06673980308249512)]
    public void OneSidedHalfWidth_matches_the_scipy_solution_of_the_one_sided_mixture(double se, long units, double tuning, double alpha, double expected)
    {
        ConfidenceSequence.OneSidedHalfWidth(se, units, tuning, alpha).ShouldBe(expected, expected * 1e-10);
    }

    [Fact]
    public void OneSidedHalfWidth_lies_between_the_two_sided_half_widths_at_alpha_and_twice_alpha()
    {
        foreach (long units in new long[] { 10, 1_000, 100_000, 10_000_000 })
        {
            double oneSided = ConfidenceSequence.OneSidedHalfWidth(0.05, units, 100_000, 0.025);
            double twoSidedAtAlpha = ConfidenceSequence.Apply(0, 0.05, units, 100_000, 0.025).ConfidenceInterval.Upper;

            oneSided.ShouldBeLessThan(twoSidedAtAlpha);
            // At 2α the two-sided sequence is tuned exactly as the one-sided one, and Φ(u) < 1 makes the latter wider.
            oneSided.ShouldBeGreaterThan(ConfidenceSequence.Apply(0, 0.05, units, 100_000, 0.05).ConfidenceInterval.Upper);
        }
    }

    [Fact]
    public void OneSidedHalfWidth_of_zero_standard_error_is_zero_and_of_an_undefined_one_is_undefined()
    {
        ConfidenceSequence.OneSidedHalfWidth(0, 100, 1_000, 0.05).ShouldBe(0);
        double.IsNaN(ConfidenceSequence.OneSidedHalfWidth(double.NaN, 100, 1_000, 0.05)).ShouldBeTrue();
    }

    [Fact]
    public void OneSidedHalfWidth_refuses_a_level_of_one_half_or_more()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => ConfidenceSequence.OneSidedHalfWidth(0.1, 100, 1_000, 0.5));
    }
}
