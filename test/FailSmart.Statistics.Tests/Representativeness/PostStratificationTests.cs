using System.Text.Json;

namespace FailSmart.Statistics.Tests.Representativeness;

public sealed class PostStratificationTests
{
    private const double Relative = 1e-9;

    public static TheoryData<string> Cases => RepresentativenessReference.Ids("post_stratification");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Estimate_matches_numpy_by_hand_and_statsmodels_combine_effects(string id)
    {
        JsonElement c = RepresentativenessReference.Case("post_stratification", id);
        JsonElement e = c.GetProperty("expected");

        PostStratifiedEffect result = PostStratification.Estimate(RepresentativenessReference.Strata(c));

        double[] diff = RepresentativenessReference.Doubles(e, "diff");
        double[] variance = RepresentativenessReference.Doubles(e, "var");
        for (int h = 0; h < diff.Length; h++)
        {
            Close(result.Strata[h].Effect!.Estimate, diff[h]);
            Close(result.Strata[h].Effect!.StandardError, Math.Sqrt(variance[h]));
        }

        Close(result.Reweighted.Estimate, e.GetProperty("reweighted").GetDouble());
        Close(result.Reweighted.StandardError, e.GetProperty("reweighted_se").GetDouble());
        Close(result.Reweighted.PValue, e.GetProperty("reweighted_p").GetDouble());
        double[] ci = RepresentativenessReference.Doubles(e, "reweighted_ci");
        Close(result.Reweighted.ConfidenceInterval.Lower, ci[0]);
        Close(result.Reweighted.ConfidenceInterval.Upper, ci[1]);
        Close(result.CohortWeighted.Estimate, e.GetProperty("cohort_weighted").GetDouble());
        Close(result.CohortWeighted.StandardError, e.GetProperty("cohort_weighted_se").GetDouble());
        Close(result.Plain.Estimate, e.GetProperty("plain").GetDouble());
        Close(result.Plain.StandardError, e.GetProperty("plain_se").GetDouble());
        Close(result.Heterogeneity.Q, e.GetProperty("q").GetDouble());
        result.Heterogeneity.DegreesOfFreedom.ShouldBe(e.GetProperty("q_df").GetInt32());
        Close(result.Heterogeneity.PValue, e.GetProperty("q_p").GetDouble());
        Close(result.Heterogeneity.ISquared, e.GetProperty("i2").GetDouble());
        Close(result.Heterogeneity.PooledEffect, e.GetProperty("pooled_fixed").GetDouble());
        result.CoveredTargetShare.ShouldBe(1, 1e-15);
    }

    [Fact]
    public void Estimate_skewed_market_with_a_different_effect_warns_that_it_may_not_carry_over()
    {
        // NZ is 75.9% of the cohort but 5% of the target and alone carries a +1.2 effect: a test run in one small market.
        PostStratifiedEffect result = PostStratification.Estimate(RepresentativenessReference.Strata(RepresentativenessReference.Case("post_stratification", "market_skewed")));

        result.DominantLevel.ShouldBe("NZ");
        result.MayNotCarryOver.ShouldBeTrue();
        result.Plain.ConfidenceInterval.IsAbove(0).ShouldBeTrue();
        result.Reweighted.ConfidenceInterval.Contains(0).ShouldBeTrue();
        result.Explanation.ShouldContain("NZ is 75.9% of the cohort but 5% of the target");
    }

    [Fact]
    public void Explanation_writes_each_effect_and_its_interval_with_one_precision_and_the_p_value_in_words()
    {
        PostStratifiedEffect result = PostStratification.Estimate(RepresentativenessReference.Strata(RepresentativenessReference.Case("post_stratification", "market_skewed")));

        // Decimals for two significant digits of the interval's half-width, the same for the estimate and both ends.
        NormalEstimate r = result.Reweighted;
        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10((r.ConfidenceInterval.Upper - r.ConfidenceInterval.Lower) / 2)) + 1, 0, 12);
        // A value that rounds to zero is written without a sign ("0.00", never "−0.00").
        string F(double v) => Math.Round(v, decimals) == 0
            ? 0.0.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture)
            : (v < 0 ? "−" : "+") + Math.Abs(v).ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture);
        result.Explanation.ShouldContain($"reweighted to the target population it is {F(r.Estimate)} ({F(r.ConfidenceInterval.Lower)} to {F(r.ConfidenceInterval.Upper)}).");
        string p = result.Heterogeneity.PValue < 0.0001 ? "p < 0.0001" : "p = " + result.Heterogeneity.PValue.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        result.Explanation.ShouldContain($"(Cochran's Q {p}, I² = ");
        result.Explanation.ShouldNotContain("E-");
    }

    [Fact]
    public void Estimate_homogeneous_effect_does_not_warn()
    {
        PostStratifiedEffect result = PostStratification.Estimate(RepresentativenessReference.Strata(RepresentativenessReference.Case("post_stratification", "homogeneous")));

        result.MayNotCarryOver.ShouldBeFalse();
        result.Heterogeneity.ISquared.ShouldBe(0);
    }

    [Fact]
    public void Estimate_target_stratum_without_units_in_one_arm_is_reported_and_left_out_of_the_reweighting()
    {
        MeanStatistics arm = Arm(100, 10, 4);
        StratumArms[] strata =
        [
            new("NZ", arm, Arm(100, 11, 4), 10),
            new("US", Arm(100, 10, 4), Arm(100, 10.5, 4), 30),
            new("DE", Arm(50, 9, 4), new MeanStatistics(0, 0, 0), 60),
        ];

        PostStratifiedEffect result = PostStratification.Estimate(strata);

        result.UncoveredLevels.ShouldBe(["DE"]);
        result.CoveredTargetShare.ShouldBe(0.4, 1e-15);
        result.UncoveredTargetShare.ShouldBe(0.6, 1e-15);
        result.Strata[2].Covered.ShouldBeFalse();
        result.Strata[2].Effect.ShouldBeNull();
        // NZ and US weighted 10:30 among the covered strata.
        result.Reweighted.Estimate.ShouldBe((0.25 * 1) + (0.75 * 0.5), 1e-12);
        result.Explanation.ShouldContain("(60% of the target): the reweighted effect covers only the other 40%");
    }

    [Fact]
    public void Estimate_refuses_bad_input_naming_what_is_wrong()
    {
        MeanStatistics a = Arm(10, 1, 1);
        Should.Throw<ArgumentException>(() => PostStratification.Estimate([])).Message.ShouldContain("at least one level");
        Should.Throw<ArgumentException>(() => PostStratification.Estimate([new("x", a, a, 1), new("x", a, a, 1)])).Message.ShouldContain("distinct");
        Should.Throw<ArgumentOutOfRangeException>(() => PostStratification.Estimate([new("x", a, a, -1), new("y", a, a, 1)])).ParamName.ShouldBe("x.TargetUnits");
        Should.Throw<ArgumentException>(() => PostStratification.Estimate([new("x", a, a, 0), new("y", a, a, 0)])).Message.ShouldContain("target population needs units");
        Should.Throw<ArgumentException>(() => PostStratification.Estimate([new("x", a, Arm(1, 1, 0), 1), new("y", Arm(1, 1, 0), a, 1)])).Message.ShouldContain("No stratum");
        Should.Throw<ArgumentException>(() => PostStratification.Estimate([new("x", a, a, 0), new("y", a, new MeanStatistics(0, 0, 0), 1)])).Message.ShouldContain("no units in any stratum the cohort covers");
        Should.Throw<ArgumentOutOfRangeException>(() => PostStratification.Estimate([new("x", a, a, 1), new("y", new MeanStatistics(10, double.NaN, 1), a, 1)])).ParamName.ShouldBe("y.Control");
        Should.Throw<ArgumentOutOfRangeException>(() => PostStratification.Estimate([new("x", a, a, 1), new("y", a, a, 1)], dominanceRatio: 0.5));
    }

    [Fact]
    public void ForProportions_treats_conversions_as_zero_one_means()
    {
        StratumArms s = StratumArms.ForProportions("x", new ProportionStatistics(100, 30), new ProportionStatistics(100, 40), 5);

        s.Control.Mean.ShouldBe(0.3);
        s.Treatment.Variance.ShouldBe(0.4 * 0.6 * 100 / 99, 1e-15);
    }

    private static MeanStatistics Arm(long n, double mean, double variance) => new(n, n * mean, ((n - 1) * variance) + (n * mean * mean));

    private static void Close(double actual, double expected) => actual.ShouldBe(expected, Math.Max(1e-14, Math.Abs(expected) * Relative));
}
