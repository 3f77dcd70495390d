using FailSmart.Storage.Events;

namespace FailSmart.Storage.Tests;

/// <summary>Analysis on the hand-computed dataset; every expected value is worked out from its table.</summary>
public abstract partial class EventStoreConformanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SummarizeExposuresAsync_counts_units_per_variation_and_excludes_units_that_saw_both()
    {
        IEventStore store = await SeededStoreAsync();

        ExposureSummary summary = await store.SummarizeExposuresAsync(Checkout, Ct);

        // a1..a3 saw 0, b1..b4 saw 1, m1 saw both; s1 is another environment and "late" came after AsOf.
        summary.Variations.ShouldBe([new VariationUnits(0, 3), new VariationUnits(1, 4)]);
        summary.MultipleVariationUnits.ShouldBe(1);
        summary.FirstExposure.ShouldBe(T0);
        summary.LastExposure.ShouldBe(T0 + D(5));
    }

    [Fact]
    public async Task SummarizeExposuresAsync_unknown_experiment_is_empty()
    {
        IEventStore store = await SeededStoreAsync();

        ExposureSummary summary = await store.SummarizeExposuresAsync(Checkout with { ExperimentKey = "nope" }, Ct);

        summary.ShouldBe(new ExposureSummary([], 0, null, null), new VariationUnitsListComparer());
    }

    [Fact]
    public async Task FindOverlapsAsync_cross_tabulates_every_experiment_running_at_the_same_time_or_within_the_lookback()
    {
        IEventStore store = await SeededStoreAsync();

        IReadOnlyList<ExperimentOverlap> overlaps = await store.FindOverlapsAsync(Checkout, Ct);

        // no-ads: a1 (0,0), a2 (0,1), b1 (1,0), b2 (1,0), b3 (1,1); b4 saw both no-ads variations and is left out.
        // search overlaps in time but shares no unit. old-banner exposed a1 (→1) and b1 (→0) 60 and 50 days
        // before checkout began and never during it: the cohort enrolled earlier, within the 90-day lookback.
        overlaps.Select(o => (o.ExperimentKey, o.Phase)).ShouldBe([("no-ads", 1), ("old-banner", 2), ("search", 1)]);
        overlaps[0].Cells.ShouldBe([new OverlapCell(0, 0, 1), new OverlapCell(0, 1, 1), new OverlapCell(1, 0, 2), new OverlapCell(1, 1, 1)]);
        overlaps[0].SharedUnits.ShouldBe(5);
        overlaps[1].Cells.ShouldBe([new OverlapCell(0, 1, 1), new OverlapCell(1, 0, 1)]);
        overlaps[2].Cells.ShouldBeEmpty();
    }

    [Fact]
    public async Task FindOverlapsAsync_ignores_exposures_older_than_the_lookback()
    {
        IEventStore store = await SeededStoreAsync();

        // 55 days back reaches b1's old-banner exposure (50 days before) but not a1's (60 days before).
        IReadOnlyList<ExperimentOverlap> within55 = await store.FindOverlapsAsync(Checkout with { OverlapLookback = D(55) }, Ct);
        IReadOnlyList<ExperimentOverlap> within40 = await store.FindOverlapsAsync(Checkout with { OverlapLookback = D(40) }, Ct);

        within55.Single(o => o.ExperimentKey == "old-banner").Cells.ShouldBe([new OverlapCell(1, 0, 1)]);
        within40.Select(o => o.ExperimentKey).ShouldBe(["no-ads", "search"]);
    }

    [Fact]
    public async Task AnalyzeMetricAsync_conversion_counts_units_that_did_the_event_within_the_window()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Conversion("buyer", "purchase", D(7)), Ct);

        // a1 and a3 bought within 7 days; b1 and b2 did, b4 only after 10 days. m1 is excluded.
        result.Variations.Count.ShouldBe(2);
        ShouldHave(result.Variations[0], 0, 3, 2, 2);
        ShouldHave(result.Variations[1], 1, 4, 2, 2);
        result.Variations[0].Denominator.ShouldBeNull();
        result.Variations[0].Covariate.ShouldBeNull();
        result.CapValue.ShouldBeNull();
    }

    [Fact]
    public async Task AnalyzeMetricAsync_count_ignores_events_before_exposure_and_after_as_of()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Count("purchases", "purchase"), Ct);

        // Per unit: a1 2, a2 0, a3 1 | b1 2, b2 1, b3 0 (its purchase is after AsOf), b4 1.
        ShouldHave(result.Variations[0], 0, 3, 3, 5);
        ShouldHave(result.Variations[1], 1, 4, 4, 6);
    }

    [Fact]
    public async Task AnalyzeMetricAsync_sum_adds_values_per_unit_with_zeros_for_units_without_events()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), Ct);

        // a1 40, a2 0, a3 5 | b1 40, b2 100, b3 0, b4 8.
        ShouldHave(result.Variations[0], 0, 3, 45, 1625);
        ShouldHave(result.Variations[1], 1, 4, 148, 11664);
    }

    [Fact]
    public async Task AnalyzeMetricAsync_mean_returns_value_and_event_count_sums_for_the_delta_method()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Mean("order-value", "purchase"), Ct);

        // (Y, D): a1 (40, 2), a2 (0, 0), a3 (5, 1) | b1 (40, 2), b2 (100, 1), b3 (0, 0), b4 (8, 1).
        ShouldHave(result.Variations[0], 0, 3, 45, 1625);
        result.Variations[0].Denominator.ShouldBe(new DenominatorSums(3, 5, 85));
        ShouldHave(result.Variations[1], 1, 4, 148, 11664);
        result.Variations[1].Denominator.ShouldBe(new DenominatorSums(4, 6, 188));
    }

    [Fact]
    public async Task AnalyzeMetricAsync_ratio_returns_numerator_denominator_and_cross_product_sums()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Ratio("revenue-per-session", "purchase", "session"), Ct);

        // (Y revenue, D sessions): a1 (40, 2), a2 (0, 1), a3 (5, 0) | b1 (40, 1), b2 (100, 2), b3 (0, 3), b4 (8, 1).
        ShouldHave(result.Variations[0], 0, 3, 45, 1625);
        result.Variations[0].Denominator.ShouldBe(new DenominatorSums(3, 5, 80));
        ShouldHave(result.Variations[1], 1, 4, 148, 11664);
        result.Variations[1].Denominator.ShouldBe(new DenominatorSums(7, 15, 248));
    }

    [Fact]
    public async Task AnalyzeMetricAsync_ratio_of_counts_counts_numerator_events()
    {
        IEventStore store = await SeededStoreAsync();
        MetricDefinition purchasesPerSession = MetricDefinition.Ratio("purchases-per-session", "purchase", "session") with { NumeratorAggregate = EventAggregate.Count };

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, purchasesPerSession, Ct);

        // (Y purchases, D sessions): a1 (2, 2), a2 (0, 1), a3 (1, 0) | b1 (2, 1), b2 (1, 2), b3 (0, 3), b4 (1, 1).
        ShouldHave(result.Variations[0], 0, 3, 3, 5);
        result.Variations[0].Denominator.ShouldBe(new DenominatorSums(3, 5, 4));
        ShouldHave(result.Variations[1], 1, 4, 4, 6);
        result.Variations[1].Denominator.ShouldBe(new DenominatorSums(7, 15, 5));
    }

    [Fact]
    public async Task AnalyzeMetricAsync_fixed_cap_winsorises_each_unit_value()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase") with { Capping = Capping.AtValue(50) }, Ct);

        // b2's 100 becomes 50; nothing else exceeds 50.
        result.CapValue.ShouldBe(50);
        ShouldHave(result.Variations[0], 0, 3, 45, 1625);
        ShouldHave(result.Variations[1], 1, 4, 98, 4164);
    }

    [Fact]
    public async Task AnalyzeMetricAsync_percentile_cap_uses_the_order_statistic_of_units_with_events()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase") with { Capping = Capping.AtPercentile(0.8) }, Ct);

        // Units that bought after exposure: 5, 8, 40, 40, 100 (a2 bought only before). ⌈5 × 0.8⌉ = 4th → 40.
        result.CapValue.ShouldBe(40);
        ShouldHave(result.Variations[0], 0, 3, 45, 1625);
        ShouldHave(result.Variations[1], 1, 4, 88, 3264);
    }

    [Fact]
    public async Task AnalyzeMetricAsync_cuped_covariate_is_the_metric_in_the_window_before_exposure()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase") with { CovariateWindow = D(7) }, Ct);

        // X: a1 4 (2 days before), a2 7, a3 0 (its purchase was 10 days before) | b2 3, others 0.
        // ΣYX: 40×4 + 0×7 + 5×0 = 160 | 100×3 = 300.
        ShouldHave(result.Variations[0], 0, 3, 45, 1625);
        result.Variations[0].Covariate.ShouldBe(new CovariateSums(11, 65, 160, null));
        result.Variations[1].Covariate.ShouldBe(new CovariateSums(3, 9, 300, null));
    }

    [Fact]
    public async Task AnalyzeMetricAsync_cuped_on_a_ratio_adds_the_denominator_cross_product()
    {
        IEventStore store = await SeededStoreAsync();
        MetricDefinition metric = MetricDefinition.Ratio("revenue-per-session", "purchase", "session") with { CovariateWindow = D(7) };

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, metric, Ct);

        // X (revenue before): a1 4, a2 7, a3 0 | b2 3. ΣDX: 2×4 + 1×7 = 15 | 2×3 = 6.
        // Q (sessions before): a1 1 | b2 2. ΣXQ: 4×1 | 3×2; ΣYQ: 40×1 | 100×2; ΣDQ: 2×1 | 2×2.
        result.Variations[0].Covariate.ShouldBe(new CovariateSums(11, 65, 160, 15, new PreDenominatorSums(1, 1, 4, 40, 2)));
        result.Variations[1].Covariate.ShouldBe(new CovariateSums(3, 9, 300, 6, new PreDenominatorSums(2, 4, 6, 200, 4)));
    }

    [Fact]
    public async Task AnalyzeMetricAsync_cuped_on_a_mean_counts_the_events_before_exposure_as_its_denominator()
    {
        IEventStore store = await SeededStoreAsync();
        MetricDefinition metric = MetricDefinition.Mean("order-value", "purchase") with { CovariateWindow = D(7) };

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, metric, Ct);

        // Y (revenue after) a1 40, a2 0, a3 5; D (purchases after) 2, 0, 1 | b1 40, b2 100, b3 0, b4 8; D 2, 1, 0, 1.
        // X (revenue before) a1 4, a2 7 | b2 3; Q (purchases before) a1 1, a2 1 | b2 1.
        // ΣDX 2×4 + 0×7 = 8 | 1×3 = 3; ΣXQ 4 + 7 = 11 | 3; ΣYQ 40 + 0 = 40 | 100; ΣDQ 2 + 0 = 2 | 1.
        result.Variations[0].Covariate.ShouldBe(new CovariateSums(11, 65, 160, 8, new PreDenominatorSums(2, 2, 11, 40, 2)));
        result.Variations[1].Covariate.ShouldBe(new CovariateSums(3, 9, 300, 3, new PreDenominatorSums(1, 1, 3, 100, 1)));
    }

    [Fact]
    public async Task AnalyzeMetricAsync_retention_counts_units_active_on_day_n()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Retention("d1", "session", 1), Ct);

        // Active 24–48 h after first exposure: a1 | b1, b2 (at 47 h), b3.
        ShouldHave(result.Variations[0], 0, 3, 1, 1);
        ShouldHave(result.Variations[1], 1, 4, 3, 3);
    }

    [Fact]
    public async Task AnalyzeMetricAsync_retention_as_of_counts_only_units_whose_day_n_has_passed()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout with { AsOf = T0 + H(49.5) }, MetricDefinition.Retention("d1", "session", 1), Ct);

        // Day 1 has ended for units exposed by T0+1.5h: a1, a2 | b1, b2. a1, b1 and b2 were active.
        ShouldHave(result.Variations[0], 0, 2, 1, 1);
        ShouldHave(result.Variations[1], 1, 2, 2, 2);
    }

    [Fact]
    public async Task AnalyzeMetricAsync_quantile_returns_order_statistics_and_counts()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Quantile("p50-load", "page_load", 0.5), Ct);

        // Variation 0: values 1..10. Estimate x(⌈5⌉) = 5; bounds x(⌊5 − 1.96·√2.5⌋ = 1) = 1 and x(⌈5 + 3.10⌉ = 9) = 9.
        // Variation 1: 10, 20, 30, 40, 50 (b4's load has no value). x(⌈2.5⌉ = 3) = 30; x(max(1, ⌊0.31⌋)) = 10; x(⌈4.69⌉ = 5) = 50.
        ShouldHave(result.Variations[0], 0, 3, 55, 385);
        result.Variations[0].Quantile.ShouldBe(new QuantileEstimate(0.5, 10, 5, 1, 9));
        ShouldHave(result.Variations[1], 1, 4, 150, 5500);
        result.Variations[1].Quantile.ShouldBe(new QuantileEstimate(0.5, 5, 30, 10, 50));
    }

    [Fact]
    public async Task AnalyzeBreakdownAsync_groups_units_by_the_attribute_of_their_first_exposure()
    {
        IEventStore store = await SeededStoreAsync();

        MetricBreakdown result = await store.AnalyzeBreakdownAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), "country", Ct);

        // b4 has no country; a1 moved to AU later but entered from NZ.
        result.Attribute.ShouldBe("country");
        result.Segments.Select(s => s.Value).ShouldBe([null, "NZ", "US"]);
        ShouldHave(result.Segments[0].Variations.ShouldHaveSingleItem(), 1, 1, 8, 64);
        ShouldHave(result.Segments[1].Variations[0], 0, 2, 40, 1600);
        ShouldHave(result.Segments[1].Variations[1], 1, 1, 40, 1600);
        ShouldHave(result.Segments[2].Variations[0], 0, 1, 5, 25);
        ShouldHave(result.Segments[2].Variations[1], 1, 2, 100, 10000);
    }

    [Fact]
    public async Task AnalyzeBreakdownAsync_percentile_cap_is_computed_over_all_units()
    {
        IEventStore store = await SeededStoreAsync();

        MetricBreakdown result = await store.AnalyzeBreakdownAsync(Checkout, MetricDefinition.Sum("revenue", "purchase") with { Capping = Capping.AtPercentile(0.8) }, "country", Ct);

        result.CapValue.ShouldBe(40);
        ShouldHave(result.Segments[2].Variations[1], 1, 2, 40, 1600);
    }

    [Fact]
    public async Task AnalyzeBreakdownAsync_quantile_by_platform_keeps_unit_counts()
    {
        IEventStore store = await SeededStoreAsync();

        MetricBreakdown result = await store.AnalyzeBreakdownAsync(Checkout, MetricDefinition.Quantile("p50-load", "page_load", 0.5), "platform", Ct);

        // Every unit with a country is on ios; b4 has no properties.
        result.Segments.Select(s => s.Value).ShouldBe([null, "ios"]);
        result.Segments[0].Variations.ShouldHaveSingleItem().Quantile.ShouldBeNull();
        result.Segments[1].Variations.Select(v => v.Units).ShouldBe([3L, 3L]);
        result.Segments[1].Variations[1].Quantile.ShouldBe(new QuantileEstimate(0.5, 5, 30, 10, 50));
    }

    [Fact]
    public async Task AnalyzeMetricAsync_invalid_definition_is_rejected_with_the_fix()
    {
        IEventStore store = await OpenStoreAsync();

        var ex = await Should.ThrowAsync<ArgumentException>(() =>
            store.AnalyzeMetricAsync(Checkout, MetricDefinition.Conversion("c", "purchase") with { Capping = Capping.AtValue(1) }, Ct));

        ex.Message.ShouldContain("capping does not apply");
    }

    [Fact]
    public async Task AnalyzeMetricAsync_literal_with_a_quote_is_data_not_sql()
    {
        IEventStore store = await SeededStoreAsync();

        MetricAnalysis result = await store.AnalyzeMetricAsync(Checkout with { ExperimentKey = "x' OR '1'='1" }, MetricDefinition.Sum("r", "purchase' OR '1'='1"), Ct);

        result.Variations.ShouldBeEmpty();
    }

    private sealed class VariationUnitsListComparer : IEqualityComparer<ExposureSummary>
    {
        public bool Equals(ExposureSummary? x, ExposureSummary? y) =>
            x is not null && y is not null && x.Variations.SequenceEqual(y.Variations) &&
            x.MultipleVariationUnits == y.MultipleVariationUnits && x.FirstExposure == y.FirstExposure && x.LastExposure == y.LastExposure;

        public int GetHashCode(ExposureSummary obj) => obj.MultipleVariationUnits.GetHashCode();
    }
}
