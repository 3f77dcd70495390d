using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Statistics.Tests.Decisions;

/// <summary>Metrics with no variance or an undefined relative lift must give an answer, never hang or throw.</summary>
public sealed class DegenerateMetricTests
{
    private static readonly FakeTimeProvider s_clock = new(new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Analyze_no_conversions_in_either_arm_is_inconclusive_at_the_planned_sample()
    {
        ProportionComparison c = ProportionTest.Compare(new ProportionStatistics(5_000, 0), new ProportionStatistics(5_000, 0));

        MetricResult r = MetricAnalysis.Analyze(c.Lifts, 5_000, 5_000, new MetricPlan(10_000, 1_000), s_clock);

        double.IsNaN(c.Absolute.DegreesOfFreedom).ShouldBeTrue();
        r.Decision.Status.ShouldBe(DecisionStatus.Inconclusive);
    }

    [Fact]
    public void ConfidenceSequence_zero_standard_error_collapses_to_the_estimate()
    {
        SequentialEstimate s = ConfidenceSequence.Apply(0.2, 0, 100, 1_000);

        s.ConfidenceInterval.ShouldBe(new Interval(0.2, 0.2));
        s.PValue.ShouldBe(0);
    }
}
