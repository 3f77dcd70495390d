using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Statistics.Tests.Decisions;

public sealed class DecisionRulesTests
{
    private static readonly FakeTimeProvider s_clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static DecisionInput Input(double lower, double upper, bool alwaysValid, long units, long planned = 10_000, MetricDirection direction = MetricDirection.HigherIsBetter) =>
        new((lower + upper) / 2, new Interval(lower, upper), alwaysValid, units, planned, 500, s_clock.GetUtcNow(), direction);

    [Fact]
    public void Decide_always_valid_interval_above_zero_is_significant_improvement()
    {
        MetricDecision d = DecisionRules.Decide(Input(0.01, 0.05, alwaysValid: true, units: 3_000));

        d.Status.ShouldBe(DecisionStatus.SignificantImprovement);
        d.Message.ShouldStartWith("Significant improvement: +3.0%");
        d.Progress.ShouldBe(0.3);
    }

    [Fact]
    public void Decide_fixed_horizon_interval_before_planned_sample_is_never_significant()
    {
        // Peeking at a fixed-horizon interval inflates false positives, so it is not read early.
        MetricDecision d = DecisionRules.Decide(Input(0.01, 0.05, alwaysValid: false, units: 3_000));

        d.Status.ShouldBe(DecisionStatus.KeepRunning);
    }

    [Fact]
    public void Decide_interval_above_zero_on_lower_is_better_metric_is_significant_harm()
    {
        MetricDecision d = DecisionRules.Decide(Input(0.02, 0.08, alwaysValid: true, units: 3_000, direction: MetricDirection.LowerIsBetter));

        d.Status.ShouldBe(DecisionStatus.SignificantHarm);
        d.Message.ShouldContain("Stop or roll back");
    }

    [Fact]
    public void Decide_below_minimum_progress_is_too_early_with_progress()
    {
        MetricDecision d = DecisionRules.Decide(Input(-0.2, 0.3, alwaysValid: true, units: 400));

        d.Status.ShouldBe(DecisionStatus.TooEarly);
        d.Progress.ShouldBe(0.04);
        d.Message.ShouldBe("Too early: 4% of the planned sample (400 of 10,000 units). Not enough data to read a result.");
    }

    [Fact]
    public void Decide_keep_running_estimates_the_date_from_the_traffic_rate()
    {
        // 10,000 − 4,000 = 6,000 units left at 500 a day: 12 days after 2 March.
        MetricDecision d = DecisionRules.Decide(Input(-0.02, 0.03, alwaysValid: true, units: 4_000));

        d.Status.ShouldBe(DecisionStatus.KeepRunning);
        d.EstimatedDecisionDate.ShouldBe(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));
        d.Message.ShouldContain("expected decision by 2026-03-14 (12 more days)");
    }

    [Fact]
    public void Decide_planned_sample_reached_without_significance_is_inconclusive()
    {
        MetricDecision d = DecisionRules.Decide(Input(-0.01, 0.012, alwaysValid: false, units: 10_000));

        d.Status.ShouldBe(DecisionStatus.Inconclusive);
        d.EstimatedDecisionDate.ShouldBeNull();
    }

    [Fact]
    public void Decide_fixed_horizon_interval_at_planned_sample_is_read()
    {
        MetricDecision d = DecisionRules.Decide(Input(-0.05, -0.01, alwaysValid: false, units: 10_000));

        d.Status.ShouldBe(DecisionStatus.SignificantHarm);
    }
}
