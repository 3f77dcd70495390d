namespace FailSmart.Statistics.Tests.Frequentist;

public sealed class SampleRatioMismatchTests
{
    [Fact]
    public void Check_two_arms_matches_scipy_chisquare()
    {
        // scipy.stats.chisquare([5050, 4950], [5000, 5000]) = (1.0, 0.31731050786291115).
        SampleRatioMismatchResult r = SampleRatioMismatch.Check([5050, 4950]);

        r.ChiSquare.ShouldBe(1.0, 1e-12);
        r.PValue.ShouldBe(0.31731050786291115, 1e-12);
        r.DegreesOfFreedom.ShouldBe(1);
        r.Flagged.ShouldBeFalse();
    }

    [Fact]
    public void Check_uneven_planned_weights_use_their_expected_counts()
    {
        // 10% / 90% plan: expected 1,000 and 9,000 of 10,000; observed 1,200 gives χ² = 40 + 4.44.
        SampleRatioMismatchResult r = SampleRatioMismatch.Check([1200, 8800], [0.1, 0.9]);

        r.ChiSquare.ShouldBe((200.0 * 200 / 1000) + (200.0 * 200 / 9000), 1e-9);
        r.Flagged.ShouldBeTrue();
    }

    [Fact]
    public void Check_three_arms_matches_scipy_chisquare()
    {
        // scipy.stats.chisquare([3300, 3400, 3300]) = (2.0, 0.36787944117144245) = (2, e⁻¹).
        SampleRatioMismatchResult r = SampleRatioMismatch.Check([3300, 3400, 3300]);

        r.PValue.ShouldBe(Math.Exp(-1), 1e-12);
    }
}
