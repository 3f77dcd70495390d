namespace FailSmart.Statistics.Tests.Decisions;

public sealed class ExperimentVerdictTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static VerdictMetric Primary(string metric, string variation, double p, double lower, double upper, long planned = 10_000) =>
        new(metric, variation, VerdictRole.Primary, MetricDirection.HigherIsBetter, (lower + upper) / 2, new Interval(lower, upper), p, 0.01, planned);

    private static VerdictMetric Secondary(string metric, double p, double lower, double upper) =>
        new(metric, "t1", VerdictRole.Secondary, MetricDirection.HigherIsBetter, (lower + upper) / 2, new Interval(lower, upper), p, 0.01, 10_000);

    // Latency: lower is better; a rise of more than the margin is the loss to rule out.
    private static VerdictMetric Latency(double lower, double upper, double margin = 0.02, string variation = "t1", double se = 0.001) =>
        new("latency", variation, VerdictRole.Guardrail, MetricDirection.LowerIsBetter, (lower + upper) / 2, new Interval(lower, upper), 0.5, se, 10_000, margin);

    private static Verdict Decide(long units, params VerdictMetric[] metrics) =>
        ExperimentVerdict.Decide(new VerdictInput(metrics, [], units, 1_000, s_now));

    [Fact]
    public void Decide_corrects_primaries_with_holm_and_secondaries_with_benjamini_hochberg_as_statsmodels_does()
    {
        // Python 3 + statsmodels 0.13.5:
        //   from statsmodels.stats.multitest import multipletests
        //   multipletests([0.012, 0.03, 0.004, 0.2], alpha=0.05, method="holm")   -> [0.036, 0.06, 0.016, 0.2], reject [T, F, T, F]
        //   multipletests([0.01, 0.02, 0.03, 0.5], alpha=0.05, method="fdr_bh")   -> [0.04, 0.04, 0.04, 0.5], reject [T, T, T, F]
        Verdict v = Decide(
            4_000,
            Primary("conversion", "t1", 0.012, 0.01, 0.05), Primary("revenue", "t1", 0.03, 0.001, 0.04),
            Primary("conversion", "t2", 0.004, 0.02, 0.06), Primary("revenue", "t2", 0.2, -0.01, 0.03),
            Secondary("clicks", 0.01, 0.01, 0.03), Secondary("scrolls", 0.02, 0.01, 0.03), Secondary("shares", 0.03, 0.01, 0.03), Secondary("likes", 0.5, -0.01, 0.03),
            Latency(-0.01, 0.01), Latency(-0.01, 0.01, variation: "t2"));

        v.Readings.Take(4).Select(r => r.AdjustedPValue).ShouldBe([0.036, 0.06, 0.016, 0.2], 1e-12);
        v.Readings.Take(4).Select(r => r.Significant).ShouldBe([true, false, true, false]);
        v.Readings.Take(4).ShouldAllBe(r => r.Correction == "holm");
        v.Readings.Skip(4).Take(4).Select(r => r.AdjustedPValue).ShouldBe([0.04, 0.04, 0.04, 0.5], 1e-12);
        v.Readings.Skip(4).Take(4).Select(r => r.Significant).ShouldBe([true, true, true, false]);
        v.Readings.Skip(4).Take(4).ShouldAllBe(r => r.Correction == "benjamini-hochberg");
        v.Readings.Skip(8).ShouldAllBe(r => r.Correction == "none" && r.NonInferior == true && r.AdjustedPValue == 0.5);

        // revenue/t1 is significant alone (0.03 < 0.05) but not after Holm; t2's conversion has the smaller adjusted p.
        v.Kind.ShouldBe(VerdictKind.Ship);
        v.Variation.ShouldBe("t2");
        v.Reason.ShouldBe("Ship t2: conversion improved +4.0% (interval +2.0% to +6.0%) (Holm-adjusted p = 0.016), and every guardrail rules out a loss beyond its margin.");
    }

    [Fact]
    public void Decide_a_primary_significant_only_before_holm_does_not_ship()
    {
        // Two primaries at p = 0.03 and 0.2: Holm gives 0.06 and 0.2, so nothing is shown at 5%.
        Verdict v = Decide(4_000, Primary("conversion", "t1", 0.03, 0.001, 0.04), Primary("revenue", "t1", 0.2, -0.01, 0.03), Latency(-0.01, 0.01));

        v.Kind.ShouldBe(VerdictKind.KeepRunning);
        v.Readings[0].AdjustedPValue.ShouldBe(0.06, 1e-12);
    }

    [Fact]
    public void Decide_guardrail_that_cannot_rule_out_the_margin_blocks_shipping_until_the_plan_then_says_do_not_ship()
    {
        // The latency interval reaches +3%, beyond the 2% margin: non-inferiority is not shown.
        VerdictMetric win = Primary("conversion", "t1", 0.001, 0.02, 0.06);

        Verdict early = Decide(4_000, win, Latency(-0.01, 0.03));
        Verdict atPlan = Decide(20_000, win, Latency(-0.01, 0.03));

        early.Kind.ShouldBe(VerdictKind.KeepRunning);
        atPlan.Kind.ShouldBe(VerdictKind.DoNotShip);
        atPlan.Reason.ShouldContain("guardrail latency");
        atPlan.Reason.ShouldContain("could not rule out a loss beyond its margin");
    }

    [Fact]
    public void Decide_guardrail_harm_is_do_not_ship_however_good_the_primary()
    {
        Verdict v = Decide(4_000, Primary("conversion", "t1", 0.001, 0.02, 0.06), Latency(0.01, 0.05));

        v.Kind.ShouldBe(VerdictKind.DoNotShip);
        v.Reason.ShouldBe("Do not ship: latency got worse for t1, +3.0% (interval +1.0% to +5.0%).");
    }

    [Fact]
    public void Decide_primary_harm_is_do_not_ship()
    {
        Verdict v = Decide(4_000, Primary("conversion", "t1", 0.001, -0.06, -0.02));

        v.Kind.ShouldBe(VerdictKind.DoNotShip);
        v.Reason.ShouldStartWith("Do not ship: conversion got worse for t1");
    }

    [Fact]
    public void Decide_any_red_check_is_invalid_whatever_the_metrics_say()
    {
        Verdict v = ExperimentVerdict.Decide(new VerdictInput(
            [Primary("conversion", "t1", 0.001, 0.02, 0.06)], ["sample ratio mismatch (p = 0.0001)"], 4_000, 1_000, s_now));

        v.Kind.ShouldBe(VerdictKind.Invalid);
        v.Variation.ShouldBeNull();
        v.Reason.ShouldStartWith("Invalid: sample ratio mismatch (p = 0.0001). Fix the cause and restart");
    }

    [Fact]
    public void Decide_keep_running_dates_the_planned_sample_at_the_current_rate()
    {
        // 6,000 units to go at 1,000 a day: six days after now.
        Verdict v = Decide(4_000, Primary("conversion", "t1", 0.4, -0.02, 0.03));

        v.Kind.ShouldBe(VerdictKind.KeepRunning);
        v.PlannedUnits.ShouldBe(10_000);
        v.ExpectedDate.ShouldBe(s_now.AddDays(6));
        v.Reason.ShouldBe("Keep running: 4,000 units so far; the planned sample of 10,000 units is expected by 2026-03-08 at the current rate.");
    }

    [Fact]
    public void Decide_plans_each_guardrail_at_power_one_minus_beta_over_the_number_of_guardrails()
    {
        // n·((z(0.975) + z(1 − 0.2/G))·SE/margin)² with n = 1,000, SE = 0.01, margin = 0.02 (Python statistics.NormalDist):
        // G = 1: 1962.22 → 1963; G = 2: 2626.86 → 2627. The primaries plan only 500 units.
        Verdict one = Decide(1_000, Primary("conversion", "t1", 0.4, -0.02, 0.03, planned: 500), Latency(-0.01, 0.01, se: 0.01));
        Verdict two = Decide(
            1_000, Primary("conversion", "t1", 0.4, -0.02, 0.03, planned: 500), Latency(-0.01, 0.01, se: 0.01), Latency(-0.01, 0.01, variation: "t1", se: 0.01) with { Metric = "errors" });

        one.PlannedUnits.ShouldBe(1963);
        two.PlannedUnits.ShouldBe(2627);
    }

    [Fact]
    public void Decide_at_the_planned_sample_without_a_primary_improvement_stops_for_futility_even_when_a_secondary_improved()
    {
        Verdict v = Decide(10_000, Primary("conversion", "t1", 0.4, -0.02, 0.03), Secondary("clicks", 0.0001, 0.05, 0.09));

        v.Kind.ShouldBe(VerdictKind.StopForFutility);
        v.ExpectedDate.ShouldBeNull();
        v.Reason.ShouldStartWith("Stop for futility: the planned sample of 10,000 units was reached");
    }

    [Fact]
    public void Decide_without_a_primary_metric_asks_for_one()
    {
        Verdict v = Decide(10_000, Secondary("clicks", 0.0001, 0.05, 0.09));

        v.Kind.ShouldBe(VerdictKind.KeepRunning);
        v.Reason.ShouldStartWith("No verdict without a primary metric");
    }
}
