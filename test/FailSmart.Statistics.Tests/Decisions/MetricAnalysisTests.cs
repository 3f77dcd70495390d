using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Statistics.Tests.Decisions;

public sealed class MetricAnalysisTests
{
    private static readonly FakeTimeProvider s_clock = new(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));

    private static Comparison Compare(double treatmentMean, long n) => WelchTest.Compare(
        new MeanStatistics(n, n * 10.0, n * (9.0 + 100.0)),
        new MeanStatistics(n, n * treatmentMean, n * (9.0 + (treatmentMean * treatmentMean)))).Lifts;

    [Fact]
    public void Analyze_early_look_at_a_clear_effect_is_significant_on_the_always_valid_interval()
    {
        // +5% on a mean of 10 with sd 3 and 5,000 units per arm: z ≈ 8.3, far beyond the sequence's boundary.
        MetricResult r = MetricAnalysis.Analyze(Compare(10.5, 5_000), 5_000, 5_000, new MetricPlan(100_000, 2_000), s_clock);

        r.Decision.Status.ShouldBe(DecisionStatus.SignificantImprovement);
        r.AlwaysValidRelative.ConfidenceInterval.Width.ShouldBeGreaterThan(r.FixedHorizon.Relative.ConfidenceIntervalZ.Width);
        r.Bayesian.ChanceToWin.ShouldBeGreaterThan(0.999);
    }

    [Fact]
    public void Analyze_small_effect_early_says_keep_running_with_a_date_from_the_clock()
    {
        // 30,000 of 100,000 units, 2,000 a day: 35 more days after 2 March is 6 April.
        MetricResult r = MetricAnalysis.Analyze(Compare(10.02, 15_000), 15_000, 15_000, new MetricPlan(100_000, 2_000), s_clock);

        r.Decision.Status.ShouldBe(DecisionStatus.KeepRunning);
        r.Decision.EstimatedDecisionDate.ShouldBe(new DateTimeOffset(2026, 4, 6, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AnalyzeGuardrail_clear_drop_is_harm()
    {
        GuardrailResult g = MetricAnalysis.AnalyzeGuardrail(Compare(9.5, 5_000), 5_000, 5_000, 0.01, new MetricPlan(100_000, 2_000));

        g.Verdict.ShouldBe(GuardrailVerdict.Harm);
    }

    [Fact]
    public void AnalyzeGuardrail_flat_metric_at_large_sample_rules_out_loss_beyond_margin()
    {
        GuardrailResult g = MetricAnalysis.AnalyzeGuardrail(Compare(10.0, 200_000), 200_000, 200_000, 0.01, new MetricPlan(400_000, 2_000));

        g.Verdict.ShouldBe(GuardrailVerdict.NoHarmDetected);
        g.WithinMargin.ShouldBeTrue();
    }
}
