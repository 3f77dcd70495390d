using FailSmart.Storage.Events;

namespace FailSmart.Storage.Tests;

/// <summary>
/// Values near the largest double, which ingestion refuses but a store may still hold: the engine's sums
/// and sums of squares overflow to infinity, and the analysis returns that rather than failing, so the
/// server can report the metric as not computable.
/// </summary>
public abstract partial class EventStoreConformanceTests
{
    [Fact]
    public async Task AnalyzeMetricAsync_sums_beyond_double_range_come_back_infinite_not_as_an_error()
    {
        IEventStore store = await OpenStoreAsync();
        var scope = new ExperimentScope("production", "huge", 1, T0 + D(30));
        await store.AppendAsync(
            new EventBatch(
                [new Exposure("hx1", "production", "h1", "huge", 1, 0, T0), new Exposure("hx2", "production", "h2", "huge", 1, 1, T0)],
                [
                    new MetricEvent("he1", "production", "h1", "huge", 1.7e308, T0 + D(1)),
                    new MetricEvent("he2", "production", "h1", "huge", 1.7e308, T0 + D(2)),
                    new MetricEvent("he3", "production", "h2", "huge", 1e200, T0 + D(1)),
                ]),
            Ct);

        MetricAnalysis sum = await store.AnalyzeMetricAsync(scope, MetricDefinition.Sum("huge-sum", "huge") with { CovariateWindow = D(7) }, Ct);
        MetricAnalysis mean = await store.AnalyzeMetricAsync(scope, MetricDefinition.Mean("huge-mean", "huge"), Ct);

        sum.Variations.Select(v => v.Units).ShouldBe([1L, 1L]);
        sum.Variations[0].Sum.ShouldBe(double.PositiveInfinity);
        sum.Variations[0].SumOfSquares.ShouldBe(double.PositiveInfinity);
        sum.Variations[1].Sum.ShouldBe(1e200);
        sum.Variations[1].SumOfSquares.ShouldBe(double.PositiveInfinity);
        mean.Variations[0].Denominator!.Sum.ShouldBe(2);
        mean.Variations[0].Sum.ShouldBe(double.PositiveInfinity);
    }
}
