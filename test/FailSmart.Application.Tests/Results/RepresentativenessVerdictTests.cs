using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Application.Tests.Results;

/// <summary>
/// The sentence a verdict carries about the chosen target population: said plainly when the cohort's mix differs or an
/// effect may not carry over, and never otherwise.
/// </summary>
public sealed class RepresentativenessVerdictTests
{
    private static readonly RepresentativenessTarget s_launchMarkets = new("population", "launch-markets", null, null);

    private static EffectEstimateResponse Estimate(double estimate, double lower, double upper) => new(estimate, (upper - lower) / 3.92, lower, upper, 0.01);

    private static CohortMixResponse Mix(double p) => new("country", 500, 2, p, 1.9, 0,
    [
        new MixLevelResponse("de", 30, 450, 0.03, 0.45, -1.15),
        new MixLevelResponse("se", 920, 100, 0.92, 0.10, 2.85),
        new MixLevelResponse("us", 50, 450, 0.05, 0.45, -1.02),
    ]);

    private static ReweightedEffectResponse Effect(bool mayNotCarryOver) => new(
        "checkout-conversion", "country", "treatment", Estimate(0.05, 0.03, 0.07), Estimate(0.05, 0.03, 0.07), Estimate(0.012, -0.004, 0.028),
        1, [], [], new HeterogeneityResponse(9.1, 2, 0.011, 0.78, 0.04), "se", mayNotCarryOver, "");

    private static RepresentativenessResponse Result(double p, bool mayNotCarryOver, RepresentativenessTarget? target = null) =>
        new("checkout", "production", 1, target ?? s_launchMarkets, [Mix(p)], [Effect(mayNotCarryOver)], []);

    [Fact]
    public void A_cohort_unlike_the_target_is_named_with_its_most_different_level_and_the_reweighted_effect()
    {
        string? caveat = RepresentativenessVerdict.Caveat(Result(p: 1e-9, mayNotCarryOver: false));

        caveat.ShouldBe(
            "The cohort does not look like launch-markets: 92% se against 10% in launch-markets (country mix χ² p < 0.0001). " +
            "checkout-conversion for treatment reweighted to launch-markets is +0.012 [-0.004, +0.028] against +0.05 in the cohort.");
    }

    [Fact]
    public void A_dominant_stratum_whose_effect_may_not_carry_over_is_said_even_when_the_mix_test_does_not_reject()
    {
        string? caveat = RepresentativenessVerdict.Caveat(Result(p: 0.2, mayNotCarryOver: true));

        caveat.ShouldBe(
            "checkout-conversion for treatment reweighted to launch-markets is +0.012 [-0.004, +0.028] against +0.05 in the cohort. " +
            "checkout-conversion for treatment may not carry over: its effect is mostly se's, which dominates the cohort by country.");
    }

    [Fact]
    public void Everyone_exposed_is_named_by_its_window_and_an_uncovered_market_is_named()
    {
        var target = new RepresentativenessTarget("all-exposures", null, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        RepresentativenessResponse result = Result(p: 0.001, mayNotCarryOver: false, target);
        result = result with { Effects = [result.Effects[0] with { CoveredTargetShare = 0.55, UncoveredLevels = ["fr"] }] };

        string? caveat = RepresentativenessVerdict.Caveat(result);

        caveat.ShouldNotBeNull().ShouldStartWith("The cohort does not look like everyone exposed from 2026-11-01 to 2026-12-01: 92% se against 10% in everyone exposed from 2026-11-01 to 2026-12-01 (country mix χ² p = 0.001).");
        caveat.ShouldContain("against +0.05 in the cohort, covering 55% of it (nothing speaks for fr).");
    }

    [Property(MaxTest = 300)]
    public Property The_verdict_is_silent_exactly_when_every_mix_looks_like_the_target_and_every_effect_carries_over(NormalFloat p, bool mayNotCarryOver)
    {
        double pValue = Math.Abs(p.Get) % 1;
        string? caveat = RepresentativenessVerdict.Caveat(Result(pValue, mayNotCarryOver));

        bool warned = pValue < RepresentativenessVerdict.Alpha || mayNotCarryOver;
        return (caveat is null == !warned
            && (caveat?.Contains("does not look like", StringComparison.Ordinal) ?? false) == pValue < RepresentativenessVerdict.Alpha
            && (caveat?.Contains("may not carry over", StringComparison.Ordinal) ?? false) == mayNotCarryOver).ToProperty();
    }
}
