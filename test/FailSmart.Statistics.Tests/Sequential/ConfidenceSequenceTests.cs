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
}
