using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;
using FailSmart.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>
/// Incremental refresh must give exactly the numbers of a full analysis, whatever arrives between two
/// refreshes: new units, late exposures that move a unit's first exposure, a second variation, events
/// dated after the scope's time, events before exposure (CUPED), retries, and a scope time that moves
/// on, stands still or goes back, across a restart.
/// </summary>
public sealed class DuckDbIncrementalRefreshTests : IAsyncDisposable
{
    private static readonly DateTimeOffset s_t0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly MetricDefinition[] s_metrics =
    [
        MetricDefinition.Sum("revenue", "purchase") with { Capping = Capping.AtPercentile(0.9), CovariateWindow = TimeSpan.FromDays(7) },
        MetricDefinition.Conversion("bought", "purchase", TimeSpan.FromDays(2)),
        MetricDefinition.Ratio("revenue-per-session", "purchase", "session") with { CovariateWindow = TimeSpan.FromDays(7) },
        MetricDefinition.Mean("order-value", "purchase"),
        MetricDefinition.Retention("day-1", "session", 1),
        MetricDefinition.Count("sessions", "session") with { Capping = Capping.AtValue(3) },
    ];

    private readonly TemporaryFolder _folder = new();
    private DuckDbEventStore? _store;
    private int _sequence;

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Refresh_after_each_change_gives_the_numbers_of_a_full_analysis(int seed)
    {
        var random = new Random(seed);
        DateTimeOffset asOf = s_t0.AddDays(1);
        var sent = new List<EventBatch>();
        var recomputed = new List<long?>();
        var folded = new List<long>();
        _store = await OpenAsync();
        for (int step = 0; step < 8; step++)
        {
            EventBatch batch = RandomBatch(random, asOf);
            await _store.AppendAsync(batch, TestContext.Current.CancellationToken);
            sent.Add(batch);
            if (step == 2)
            {
                await _store.AppendAsync(sent[1], TestContext.Current.CancellationToken); // a retry changes nothing
            }

            if (step == 4)
            {
                await _store.DisposeAsync(); // kept tables and stamps survive a restart
                _store = await OpenAsync();
            }

            asOf = step switch
            {
                5 => asOf.AddHours(-20), // the time goes back: the tables are built again
                3 => asOf, // no time passes
                _ => asOf.AddHours(random.Next(1, 30)),
            };
            var scope = new ExperimentScope("production", "checkout", 1, asOf);
            foreach (MetricDefinition metric in s_metrics)
            {
                MetricAnalysis incremental = await _store.RefreshMetricAsync(scope, metric, TestContext.Current.CancellationToken);
                recomputed.Add(_store.LastRefreshRecomputedUnits);
                folded.Add((_store.LastRefreshRecomputedUnits ?? 0) - (_store.LastRefreshRebuiltUnits ?? 0));
                MetricAnalysis full = await _store.AnalyzeMetricAsync(scope, metric, TestContext.Current.CancellationToken);

                ShouldMatch(incremental, full, $"seed {seed}, step {step}, metric {metric.Key}");
            }
        }

        // Most refreshes recomputed some units, not all of them: the increments were exercised.
        recomputed.Count(r => r is > 0 and < 60).ShouldBeGreaterThan(recomputed.Count / 2);
        recomputed.Count(r => r is null).ShouldBe(2 * s_metrics.Length); // the first refresh and the one after the time went back
        folded.Count(f => f > 0).ShouldBeGreaterThan(recomputed.Count / 2); // most took in new rows without reading a unit's old ones
    }

    [Fact]
    public async Task Refresh_adds_a_kept_units_new_values_in_the_order_a_full_analysis_adds_them()
    {
        _store = await OpenAsync();
        DateTimeOffset exposed = s_t0.AddHours(1);
        MetricDefinition revenue = MetricDefinition.Sum("revenue", "purchase") with { Capping = Capping.AtPercentile(0.99) };
        var scope = new ExperimentScope("production", "checkout", 1, s_t0.AddDays(1));
        await _store.AppendAsync(new EventBatch(
            [new Exposure("x1", "production", "big", "checkout", 1, 0, exposed), new Exposure("x2", "production", "small", "checkout", 1, 0, exposed)],
            [new MetricEvent("e1", "production", "big", "purchase", 0.1, exposed.AddMinutes(1)), new MetricEvent("e2", "production", "small", "purchase", 0.05, exposed.AddMinutes(1))]),
            TestContext.Current.CancellationToken);
        await _store.RefreshMetricAsync(scope, revenue, TestContext.Current.CancellationToken);
        await _store.AppendAsync(new EventBatch(
            [],
            [new MetricEvent("e3", "production", "big", "purchase", 0.2, exposed.AddMinutes(2)), new MetricEvent("e4", "production", "big", "purchase", 0.3, exposed.AddMinutes(3))]),
            TestContext.Current.CancellationToken);

        MetricAnalysis incremental = await _store.RefreshMetricAsync(scope, revenue, TestContext.Current.CancellationToken);

        // (0.1 + 0.2) + 0.3 is 0.6000000000000001, but 0.1 + (0.2 + 0.3) is 0.6: adding the new events'
        // total to the kept value would give another cap than the full analysis.
        _store.LastRefreshRecomputedUnits.ShouldBe(1);
        _store.LastRefreshRebuiltUnits.ShouldBe(0);
        MetricAnalysis full = await _store.AnalyzeMetricAsync(scope, revenue, TestContext.Current.CancellationToken);
        full.CapValue.ShouldBe(0.1 + 0.2 + 0.3);
        incremental.CapValue.ShouldBe(full.CapValue);
        incremental.Variations[0].Sum.ShouldBe(full.Variations[0].Sum);
    }

    [Fact]
    public async Task Refresh_reads_only_rows_received_since_and_rows_whose_time_has_come()
    {
        _store = await OpenAsync();
        DateTimeOffset exposed = s_t0.AddHours(1);
        MetricDefinition revenue = MetricDefinition.Sum("revenue", "purchase");
        await _store.AppendAsync(new EventBatch(
            [new Exposure("x1", "production", "a", "checkout", 1, 0, exposed), new Exposure("x2", "production", "b", "checkout", 1, 1, exposed)],
            [new MetricEvent("e1", "production", "a", "purchase", 5, exposed.AddMinutes(1)), new MetricEvent("later", "production", "b", "purchase", 7, s_t0.AddDays(2))]),
            TestContext.Current.CancellationToken);
        await _store.RefreshMetricAsync(new ExperimentScope("production", "checkout", 1, s_t0.AddDays(1)), revenue, TestContext.Current.CancellationToken);

        // Nothing new and no row due: no unit changes.
        await _store.RefreshMetricAsync(new ExperimentScope("production", "checkout", 1, s_t0.AddDays(1).AddHours(1)), revenue, TestContext.Current.CancellationToken);
        _store.LastRefreshRecomputedUnits.ShouldBe(0);

        // The event dated ahead becomes due: its unit is recomputed whole, and counted once.
        var due = new ExperimentScope("production", "checkout", 1, s_t0.AddDays(3));
        MetricAnalysis incremental = await _store.RefreshMetricAsync(due, revenue, TestContext.Current.CancellationToken);
        _store.LastRefreshRecomputedUnits.ShouldBe(1);
        _store.LastRefreshRebuiltUnits.ShouldBe(1);
        incremental.Variations.Select(v => v.Sum).ShouldBe([5.0, 7.0]);
        await _store.RefreshMetricAsync(due with { AsOf = s_t0.AddDays(4) }, revenue, TestContext.Current.CancellationToken);
        _store.LastRefreshRecomputedUnits.ShouldBe(0);
    }

    [Fact]
    public async Task Refresh_with_nothing_new_recomputes_no_unit()
    {
        _store = await OpenAsync();
        await _store.AppendAsync(RandomBatch(new Random(7), s_t0.AddDays(1)), TestContext.Current.CancellationToken);
        var scope = new ExperimentScope("production", "checkout", 1, s_t0.AddDays(5));
        MetricAnalysis first = await _store.RefreshMetricAsync(scope, s_metrics[0], TestContext.Current.CancellationToken);

        MetricAnalysis again = await _store.RefreshMetricAsync(scope, s_metrics[0], TestContext.Current.CancellationToken);

        _store.LastRefreshRecomputedUnits.ShouldBe(0);
        ShouldMatch(again, first, "unchanged data");
        first.Variations.Sum(v => v.Units).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Table_no_refresh_used_for_a_week_is_dropped_and_built_again_when_asked_for()
    {
        var clock = new FakeTimeProvider(s_t0.AddDays(1));
        _store = await OpenAsync(clock);
        await _store.AppendAsync(RandomBatch(new Random(11), s_t0.AddDays(1)), TestContext.Current.CancellationToken);
        var scope = new ExperimentScope("production", "checkout", 1, s_t0.AddDays(2));
        MetricDefinition old = s_metrics[1];
        MetricDefinition current = old with { Window = TimeSpan.FromDays(3) };
        await _store.RefreshMetricAsync(scope, old, TestContext.Current.CancellationToken);
        await _store.RefreshMetricAsync(scope, current, TestContext.Current.CancellationToken);
        (await UnitTablesAsync()).ShouldBe(2);

        clock.Advance(TimeSpan.FromDays(8));
        await _store.RefreshMetricAsync(scope, current, TestContext.Current.CancellationToken);
        long kept = await UnitTablesAsync();
        await _store.RefreshMetricAsync(scope, old, TestContext.Current.CancellationToken);

        kept.ShouldBe(1);
        _store.LastRefreshRecomputedUnits.ShouldBeNull(); // built again
        (await UnitTablesAsync()).ShouldBe(2);
    }

    private async Task<long> UnitTablesAsync()
    {
        IReadOnlyList<Events.Sql.ResultRow> rows = await _store!.QueryRowsAsync(
            "SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'unit_metric_%' AND table_name <> 'unit_metric_state'), (SELECT count(*) FROM unit_metric_state)",
            TestContext.Current.CancellationToken);
        rows[0].GetInt64(0).ShouldBe(rows[0].GetInt64(1)); // a state row for every table, and no other
        return rows[0].GetInt64(0);
    }

    private async Task<DuckDbEventStore> OpenAsync(TimeProvider? clock = null)
    {
        var store = new DuckDbEventStore(DataFolder.Prepare(_folder.Path), clock ?? TimeProvider.System);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    /// <summary>Exposures and events of 60 units around <paramref name="asOf"/>, some of them after it.</summary>
    private EventBatch RandomBatch(Random random, DateTimeOffset asOf)
    {
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 12; i++)
        {
            string unit = $"u{random.Next(60)}";
            int variation = random.Next(100) < 3 ? 1 - (unit.GetHashCode(StringComparison.Ordinal) & 1) : unit.GetHashCode(StringComparison.Ordinal) & 1;
            exposures.Add(new Exposure($"x{_sequence++}", "production", unit, "checkout", 1, variation, At(random, asOf, -60, 6)));
        }

        for (int i = 0; i < 40; i++)
        {
            string unit = $"u{random.Next(70)}"; // some units never exposed
            bool purchase = random.Next(3) == 0;
            double? value = purchase ? Math.Round(random.NextDouble() * 100, 2) : null;
            events.Add(new MetricEvent($"e{_sequence++}", "production", unit, purchase ? "purchase" : "session", value, At(random, asOf, -200, 12)));
        }

        return new EventBatch(exposures, events);
    }

    private static DateTimeOffset At(Random random, DateTimeOffset asOf, int hoursBefore, int hoursAfter) =>
        asOf.AddHours(random.Next(hoursBefore, hoursAfter)).AddMinutes(random.Next(60));

    private static void ShouldMatch(MetricAnalysis actual, MetricAnalysis expected, string context)
    {
        actual.CapValue.ShouldBe(expected.CapValue, context);
        actual.Variations.Select(v => (v.Variation, v.Units)).ShouldBe(expected.Variations.Select(v => (v.Variation, v.Units)), context);
        for (int i = 0; i < expected.Variations.Count; i++)
        {
            double[] a = Numbers(actual.Variations[i]);
            double[] e = Numbers(expected.Variations[i]);
            a.Length.ShouldBe(e.Length, context);
            for (int j = 0; j < e.Length; j++)
            {
                // The same sums added in another order may differ in the last bits.
                a[j].ShouldBe(e[j], 1e-9 * Math.Max(1, Math.Abs(e[j])), $"{context}, variation {i}, sum {j}");
            }
        }
    }

    private static double[] Numbers(VariationStatistics v) =>
    [
        v.Sum, v.SumOfSquares,
        .. v.Denominator is { } d ? new[] { d.Sum, d.SumOfSquares, d.SumOfProducts } : [],
        .. v.Covariate is { } c ? new[] { c.Sum, c.SumOfSquares, c.SumOfProducts, c.SumOfDenominatorProducts ?? 0 } : [],
        .. v.Covariate?.PreDenominator is { } q ? new[] { q.Sum, q.SumOfSquares, q.SumOfCovariateProducts, q.SumOfMetricProducts, q.SumOfDenominatorProducts } : [],
    ];
}
