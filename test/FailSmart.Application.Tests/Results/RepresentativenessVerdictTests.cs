using System.Text.RegularExpressions;
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
            "checkout-conversion for treatment reweighted to launch-markets is +0.012 (\u22120.004 to +0.028) against +0.050 in the cohort.");
    }

    [Fact]
    public void A_dominant_stratum_whose_effect_may_not_carry_over_is_said_even_when_the_mix_test_does_not_reject()
    {
        string? caveat = RepresentativenessVerdict.Caveat(Result(p: 0.2, mayNotCarryOver: true));

        caveat.ShouldBe(
            "checkout-conversion for treatment reweighted to launch-markets is +0.012 (\u22120.004 to +0.028) against +0.050 in the cohort. " +
            "checkout-conversion for treatment may not carry over: its effect is mostly se's, which dominates the cohort by country.");
    }

    [Fact]
    public void Everyone_exposed_is_named_by_its_window_and_an_uncovered_market_is_named()
    {
        var target = new RepresentativenessTarget("all-exposures", null, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        RepresentativenessResponse result = Result(p: 0.001, mayNotCarryOver: false, target);
        result = result with { Effects = [result.Effects[0] with { CoveredTargetShare = 0.55, UncoveredLevels = ["fr"] }] };

        string? caveat = RepresentativenessVerdict.Caveat(result);

        caveat.ShouldNotBeNull().ShouldStartWith("The cohort does not look like everyone exposed from 2026-11-01 to 2026-12-01: 92% se against 10% in everyone exposed from 2026-11-01 to 2026-12-01 (country mix χ² p = 0.0010).");
        caveat.ShouldContain("against +0.050 in the cohort, covering 55% of it (nothing speaks for fr).");
    }

    [Fact]
    public void A_conversion_effect_reads_in_percentage_points_as_the_results_page_writes_it()
    {
        RepresentativenessResponse result = Result(p: 1e-9, mayNotCarryOver: false);
        result = result with { Effects = [result.Effects[0] with { Reweighted = Estimate(0.0222, -0.03034, 0.0748), Plain = Estimate(0.051, 0.0302, 0.0718) }] };

        string? caveat = RepresentativenessVerdict.Caveat(result, new Dictionary<string, string> { ["checkout-conversion"] = "conversion" });

        caveat.ShouldBe(
            "The cohort does not look like launch-markets: 92% se against 10% in launch-markets (country mix χ² p < 0.0001). " +
            "checkout-conversion for treatment reweighted to launch-markets is +2.22 pp (\u22123.03 pp to +7.48 pp) against +5.10 pp in the cohort.");
    }

    [Fact]
    public void A_mean_effect_reads_in_its_unit_with_one_precision_for_the_effect_and_both_ends()
    {
        RepresentativenessResponse result = Result(p: 0.0123, mayNotCarryOver: false);
        result = result with
        {
            Effects = [result.Effects[0] with { Metric = "order-value", Reweighted = Estimate(0.5, -0.004, 1.2), Plain = Estimate(2.4, 0.85, 3.95) }],
        };

        string? caveat = RepresentativenessVerdict.Caveat(result, new Dictionary<string, string> { ["order-value"] = "mean" });

        caveat.ShouldBe(
            "The cohort does not look like launch-markets: 92% se against 10% in launch-markets (country mix χ² p = 0.0123). " +
            "order-value for treatment reweighted to launch-markets is +0.50 (0.00 to +1.20) against +2.40 in the cohort.");
    }

    [Fact]
    public void The_carry_over_warning_names_cochrans_q_and_the_dominant_stratum()
    {
        ReweightedEffectResponse effect = Effect(mayNotCarryOver: true) with
        {
            Heterogeneity = new HeterogeneityResponse(31.2, 1, 2e-8, 0.968, 0.04),
            Strata = [new StratumEffectResponse("se", 0.92, 0.1, true, null), new StratumEffectResponse("de", 0.03, 0.45, true, null)],
        };

        RepresentativenessVerdict.CarryOver(effect).ShouldBe(
            "The effect differs between strata (Cochran's Q p < 0.0001, I² = 96.8%) and se is 92% of the cohort but 10% of the target: " +
            "the cohort's effect is mostly se's and may not carry over.");
        RepresentativenessVerdict.CarryOver(effect with { Heterogeneity = effect.Heterogeneity with { PValue = 0.0123 } })
            .ShouldStartWith("The effect differs between strata (Cochran's Q p = 0.0123, I² = 96.8%)");
    }

    [Property(MaxTest = 300)]
    public Property A_mean_effect_and_both_ends_of_its_interval_have_the_same_number_of_decimals(NormalFloat a, NormalFloat b, NormalFloat c)
    {
        double[] values = [.. new[] { a.Get, b.Get, c.Get }.Select(v => v % 1000).Order()];
        RepresentativenessResponse result = Result(p: 0.2, mayNotCarryOver: false);
        result = result with { Effects = [result.Effects[0] with { Reweighted = Estimate(values[1], values[0], values[2]) }] };

        string caveat = RepresentativenessVerdict.Caveat(result with { Effects = [result.Effects[0] with { MayNotCarryOver = true }] }).ShouldNotBeNull();

        Match numbers = Regex.Match(caveat, @"is (\S+) \((\S+) to (\S+)\) against");
        int[] decimals = [.. numbers.Groups.Values.Skip(1).Select(g => g.Value.Contains('.', StringComparison.Ordinal) ? g.Value.Length - g.Value.IndexOf('.', StringComparison.Ordinal) - 1 : 0)];
        return (numbers.Success && decimals.Distinct().Count() == 1).ToProperty().Label($"{caveat} ({string.Join(", ", decimals)})");
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
