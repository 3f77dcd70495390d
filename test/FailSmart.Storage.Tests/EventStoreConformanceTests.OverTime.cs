using FailSmart.Storage.Events;

namespace FailSmart.Storage.Tests;

/// <summary>Results over time and metric baselines on the hand-computed dataset.</summary>
public abstract partial class EventStoreConformanceTests
{
    [Fact]
    public async Task AnalyzeMetricOverTimeAsync_each_moment_is_the_cumulative_analysis_as_of_then()
    {
        IEventStore store = await SeededStoreAsync();
        MetricDefinition revenue = MetricDefinition.Sum("revenue", "purchase");
        DateTimeOffset[] moments = [T0 + H(1.5), T0 + D(1), T0 + D(30)];

        IReadOnlyList<MetricAnalysis> timeline = await store.AnalyzeMetricOverTimeAsync(Checkout, revenue, moments, Ct);

        timeline.Count.ShouldBe(3);
        // By 1.5 h: a1 (10), a2 (0) | b1 (20; its second purchase is at 3 h), b2 (0; its purchase is at 2 h).
        ShouldHave(timeline[0].Variations[0], 0, 2, 10, 100);
        ShouldHave(timeline[0].Variations[1], 1, 2, 20, 400);
        // By day 1: a1 10, a2 0, a3 5 | b1 40, b2 100, b3 0, b4 0 (its purchase is on day 10); m1 saw both.
        ShouldHave(timeline[1].Variations[0], 0, 3, 15, 125);
        ShouldHave(timeline[1].Variations[1], 1, 4, 140, 11600);
        // By day 30: everything but b3's purchase on day 31.
        ShouldHave(timeline[2].Variations[0], 0, 3, 45, 1625);
        ShouldHave(timeline[2].Variations[1], 1, 4, 148, 11664);
        for (int i = 0; i < moments.Length; i++)
        {
            MetricAnalysis single = await store.AnalyzeMetricAsync(Checkout with { AsOf = moments[i] }, revenue, Ct);
            timeline[i].Variations.ShouldBe(single.Variations);
        }
    }

    [Fact]
    public async Task AnalyzeMetricOverTimeAsync_retention_counts_only_units_whose_day_n_ended_by_each_moment()
    {
        IEventStore store = await SeededStoreAsync();

        IReadOnlyList<MetricAnalysis> timeline = await store.AnalyzeMetricOverTimeAsync(
            Checkout, MetricDefinition.Retention("d1", "session", 1), [T0 + H(49.5), T0 + D(30)], Ct);

        // At 49.5 h day 1 has ended for a1, a2 | b1, b2; by day 30 for everyone.
        ShouldHave(timeline[0].Variations[0], 0, 2, 1, 1);
        ShouldHave(timeline[0].Variations[1], 1, 2, 2, 2);
        ShouldHave(timeline[1].Variations[0], 0, 3, 1, 1);
        ShouldHave(timeline[1].Variations[1], 1, 4, 3, 3);
    }

    [Fact]
    public async Task SummarizeMetricAsync_sum_counts_every_unit_exposed_to_anything_in_the_window_with_zeros()
    {
        IEventStore store = await SeededStoreAsync();

        MetricSummary summary = await store.SummarizeMetricAsync("production", MetricDefinition.Sum("revenue", "purchase"), T0, T0 + D(30), Ct);

        // Exposed to anything in production from T0 to day 30: the checkout units a1..a3, b1..b4 and m1 (who saw
        // both variations: it still counts here), z9 (no-ads), y1 and y2 (search). Not s1 (staging), late (day 30 + 1 h),
        // nor old-banner's exposures (before T0). Per unit: a1 40, a3 5, b1 40, b2 100, b4 8, m1 50, everyone else 0
        // (a2 and b2 bought before exposure too; b3's purchase is after day 30).
        summary.MetricKey.ShouldBe("revenue");
        summary.ExposedUnits.ShouldBe(11);
        ShouldHave(summary.Statistics, 0, 11, 243, 15789);
        summary.Statistics.Denominator.ShouldBeNull();
        summary.CapValue.ShouldBeNull();
    }

    [Fact]
    public async Task SummarizeMetricAsync_counts_events_from_each_units_first_exposure_in_the_window()
    {
        IEventStore store = await SeededStoreAsync();

        MetricSummary summary = await store.SummarizeMetricAsync("production", MetricDefinition.Sum("revenue", "purchase"), T0 + D(1), T0 + D(30), Ct);

        // From day 1: a1 (checkout, day 5), b1, b2, b3 (no-ads, days 2–4), b4, y1, y2 (day 1), z9 (day 5); a2's last
        // exposure was at 1 h. Only b4's purchase (day 10) comes after its first exposure in the window.
        summary.ExposedUnits.ShouldBe(8);
        ShouldHave(summary.Statistics, 0, 8, 8, 64);
    }

    [Fact]
    public async Task SummarizeMetricAsync_count_conversion_mean_and_capping_follow_the_metric_definition()
    {
        IEventStore store = await SeededStoreAsync();
        DateTimeOffset to = T0 + D(30);

        MetricSummary count = await store.SummarizeMetricAsync("production", MetricDefinition.Count("purchases", "purchase"), T0, to, Ct);
        MetricSummary buyers = await store.SummarizeMetricAsync("production", MetricDefinition.Conversion("buyer", "purchase", D(7)), T0, to, Ct);
        MetricSummary mean = await store.SummarizeMetricAsync("production", MetricDefinition.Mean("order-value", "purchase"), T0, to, Ct);
        MetricSummary capped = await store.SummarizeMetricAsync(
            "production", MetricDefinition.Sum("revenue", "purchase") with { Capping = Capping.AtValue(50) }, T0, to, Ct);

        // Purchases per unit: a1 2, a3 1, b1 2, b2 1, b4 1, m1 1; within 7 days b4's (day 10) does not count.
        ShouldHave(count.Statistics, 0, 11, 8, 12);
        ShouldHave(buyers.Statistics, 0, 11, 5, 5);
        // (Y, D): a1 (40, 2), a3 (5, 1), b1 (40, 2), b2 (100, 1), b4 (8, 1), m1 (50, 1): ΣYD = 80 + 5 + 80 + 100 + 8 + 50.
        ShouldHave(mean.Statistics, 0, 11, 243, 15789);
        mean.Statistics.Denominator.ShouldBe(new DenominatorSums(8, 12, 323));
        // b2's 100 becomes 50.
        capped.CapValue.ShouldBe(50);
        ShouldHave(capped.Statistics, 0, 11, 193, 8289);
    }

    [Fact]
    public async Task SummarizeMetricAsync_retention_and_quantile_read_the_window()
    {
        IEventStore store = await SeededStoreAsync();
        DateTimeOffset to = T0 + D(30);

        MetricSummary retention = await store.SummarizeMetricAsync("production", MetricDefinition.Retention("d1", "session", 1), T0, to, Ct);
        MetricSummary quantile = await store.SummarizeMetricAsync("production", MetricDefinition.Quantile("p50-load", "page_load", 0.5), T0, to, Ct);

        // Active 24–48 h after first exposure: a1, b1, b2, b3; day 1 has ended for all 11 units by day 30.
        ShouldHave(retention.Statistics, 0, 11, 4, 4);
        // Load times 1..10, 10, 20, 30, 40, 50 (b4's has no value): x(⌈7.5⌉ = 8) = 8; x(⌊7.5 − 1.96·√3.75⌋ = 3) = 3; x(⌈11.3⌉ = 12) = 20.
        quantile.ExposedUnits.ShouldBe(11);
        ShouldHave(quantile.Statistics, 0, 11, 205, 5885);
        quantile.Statistics.Quantile.ShouldBe(new QuantileEstimate(0.5, 15, 8, 3, 20));
    }

    [Fact]
    public async Task SummarizeMetricAsync_environment_without_exposures_is_empty()
    {
        IEventStore store = await SeededStoreAsync();

        MetricSummary summary = await store.SummarizeMetricAsync("development", MetricDefinition.Sum("revenue", "purchase"), T0, T0 + D(30), Ct);

        summary.ExposedUnits.ShouldBe(0);
        ShouldHave(summary.Statistics, 0, 0, 0, 0);
    }
}
