using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FailSmart.Storage;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;

namespace FailSmart.Benchmarks.Events;

/// <summary>
/// Analysis of a synthetic experiment in DuckDB (2,000,000 exposures of 1,600,000 units, 5,000,000
/// metric events): the store's generated SQL against one hand-written query of the same sums.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's cleanup methods dispose the stores.")]
public class EventAnalysisBenchmarks
{
    // FAILSMART_BENCH_SCALE=10 gives the full-size case: 20,000,000 exposures and 50,000,000 events.
    internal static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("FAILSMART_BENCH_SCALE"), out int scale) && scale > 0 ? scale : 1;
    internal static int Exposures { get; } = 2_000_000 * Scale;
    internal static int Units { get; } = 1_600_000 * Scale;
    internal static int MetricEvents { get; } = 5_000_000 * Scale;
    private static readonly ExperimentScope s_scope = new("production", "exp", 1, SyntheticEvents.Start.AddDays(30));

    private string _folder = "";
    private DuckDbEventStore? _store;

    [GlobalSetup]
    public async Task Load()
    {
        _folder = Directory.CreateTempSubdirectory("failsmart-bench-").FullName;
        var store = new DuckDbEventStore(DataFolder.Prepare(_folder), TimeProvider.System);
        await store.InitializeAsync();
        await store.DisposeAsync();

        await SyntheticEvents.FillDuckDbAsync(_folder, Exposures, Units, MetricEvents);
        _store = new DuckDbEventStore(DataFolder.Prepare(_folder), TimeProvider.System);
        await _store.InitializeAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store!.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Hand-written DuckDB query (n, ΣY, ΣY² of revenue)")]
    public Task<int> HandWrittenSum() => Count(_store!.QueryRowsAsync("""
        WITH u AS (
            SELECT unit_id, min(variation) AS v, min(occurred_at_ms) AS f FROM exposures
            WHERE environment = 'production' AND experiment_key = 'exp' AND phase = 1
            GROUP BY unit_id HAVING count(DISTINCT variation) = 1),
        m AS (
            SELECT e.unit_id, sum(e.value) AS y FROM metric_events e JOIN u USING (unit_id)
            WHERE e.environment = 'production' AND e.event_name = 'purchase' AND e.occurred_at_ms >= u.f
            GROUP BY e.unit_id)
        SELECT v, count(*), sum(coalesce(y, 0)), sum(coalesce(y, 0) * coalesce(y, 0))
        FROM u LEFT JOIN m USING (unit_id) GROUP BY v
        """, CancellationToken.None));

    [Benchmark(Description = "Store: sum metric")]
    public async Task<int> StoreSum() =>
        (await _store!.AnalyzeMetricAsync(s_scope, MetricDefinition.Sum("revenue", "purchase"))).Variations.Count;

    [Benchmark(Description = "Store: sum with CUPED and 99th-percentile cap")]
    public async Task<int> StoreSumCupedCapped() =>
        (await _store!.AnalyzeMetricAsync(s_scope, MetricDefinition.Sum("revenue", "purchase") with { CovariateWindow = TimeSpan.FromDays(7), Capping = Capping.AtPercentile(0.99) })).Variations.Count;

    [Benchmark(Description = "Store: ratio revenue per session")]
    public async Task<int> StoreRatio() =>
        (await _store!.AnalyzeMetricAsync(s_scope, MetricDefinition.Ratio("rps", "purchase", "session"))).Variations.Count;

    [Benchmark(Description = "Store: sum by country")]
    public async Task<int> StoreBreakdown() =>
        (await _store!.AnalyzeBreakdownAsync(s_scope, MetricDefinition.Sum("revenue", "purchase"), "country")).Segments.Count;

    [Benchmark(Description = "Store: exposure summary (SRM)")]
    public async Task<int> StoreSummary() =>
        (await _store!.SummarizeExposuresAsync(s_scope)).Variations.Count;

    private static async Task<int> Count(Task<IReadOnlyList<FailSmart.Storage.Events.Sql.ResultRow>> rows) => (await rows).Count;
}
