using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FailSmart.Storage.ClickHouse;
using FailSmart.Storage.Events;

namespace FailSmart.Benchmarks.Events;

/// <summary>
/// The same synthetic experiment as <see cref="EventAnalysisBenchmarks"/> on ClickHouse, given by
/// FAILSMART_BENCH_CLICKHOUSE (an HTTP URL). The baseline is a hand-written query of the same sums that
/// trusts the table to hold no duplicate event ids; the store removes duplicates itself (FINAL).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's cleanup method disposes the store.")]
public class ClickHouseAnalysisBenchmarks
{
    private const string Database = "failsmart_bench";
    private static readonly ExperimentScope s_scope = new("production", "exp", 1, SyntheticEvents.Start.AddDays(30));

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };
    private Uri _url = null!;
    private ClickHouseEventStore? _store;

    [GlobalSetup]
    public async Task Load()
    {
        _url = new Uri(Environment.GetEnvironmentVariable("FAILSMART_BENCH_CLICKHOUSE")
            ?? throw new InvalidOperationException("Set FAILSMART_BENCH_CLICKHOUSE to a ClickHouse HTTP URL (eng/services/clickhouse.sh starts one)."));
        await RunAsync($"DROP DATABASE IF EXISTS {Database}");
        _store = new ClickHouseEventStore(new ClickHouseConnectionOptions { Url = _url, Database = Database }, TimeProvider.System);
        await _store.InitializeAsync();

        await ClickHouseBenchmarkData.LoadAsync(RunAsync, Database);
        await RunAsync($"OPTIMIZE TABLE {Database}.exposures FINAL");
        await RunAsync($"OPTIMIZE TABLE {Database}.metric_events FINAL");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await RunAsync($"DROP DATABASE IF EXISTS {Database}");
        _store?.Dispose();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written ClickHouse query, no dedup (n, ΣY, ΣY²)")]
    public Task<string> HandWrittenSum() => RunAsync($"""
        SELECT v, count(), sum(y), sum(y * y)
        FROM (SELECT unit_id, min(variation) AS v, min(occurred_at_ms) AS f FROM {Database}.exposures
              WHERE environment = 'production' AND experiment_key = 'exp' AND phase = 1
              GROUP BY unit_id HAVING uniqExact(variation) = 1)
        ALL LEFT JOIN (
              SELECT unit_id, sum(if(occurred_at_ms >= f, coalesce(value, 0), 0)) AS y
              FROM {Database}.metric_events
              ALL INNER JOIN (SELECT unit_id, min(occurred_at_ms) AS f FROM {Database}.exposures
                              WHERE environment = 'production' AND experiment_key = 'exp' AND phase = 1 GROUP BY unit_id) USING unit_id
              WHERE environment = 'production' AND event_name = 'purchase'
              GROUP BY unit_id) USING unit_id
        GROUP BY v
        """);

    [Benchmark(Description = "Hand-written ClickHouse query, no dedup (revenue per session: n, ΣY, ΣY², ΣD, ΣD², ΣYD)")]
    public Task<string> HandWrittenRatio() => RunAsync($"""
        SELECT v, count(), sum(y), sum(y * y), sum(d), sum(d * d), sum(y * d)
        FROM (SELECT unit_id, min(variation) AS v, min(occurred_at_ms) AS f FROM {Database}.exposures
              WHERE environment = 'production' AND experiment_key = 'exp' AND phase = 1
              GROUP BY unit_id HAVING uniqExact(variation) = 1)
        ALL LEFT JOIN (
              SELECT unit_id,
                     sum(if(event_name = 'purchase' AND occurred_at_ms >= f, coalesce(value, 0), 0)) AS y,
                     sum(if(event_name = 'session' AND occurred_at_ms >= f, 1, 0)) AS d
              FROM {Database}.metric_events
              ALL INNER JOIN (SELECT unit_id, min(occurred_at_ms) AS f FROM {Database}.exposures
                              WHERE environment = 'production' AND experiment_key = 'exp' AND phase = 1 GROUP BY unit_id) USING unit_id
              WHERE environment = 'production' AND event_name IN ('purchase', 'session')
              GROUP BY unit_id) USING unit_id
        GROUP BY v
        """);

    [Benchmark(Description = "Store: sum metric (exact dedup)")]
    public async Task<int> StoreSum() =>
        (await _store!.AnalyzeMetricAsync(s_scope, MetricDefinition.Sum("revenue", "purchase"))).Variations.Count;

    [Benchmark(Description = "Store: ratio revenue per session")]
    public async Task<int> StoreRatio() =>
        (await _store!.AnalyzeMetricAsync(s_scope, MetricDefinition.Ratio("rps", "purchase", "session"))).Variations.Count;

    [Benchmark(Description = "Store: exposure summary (SRM)")]
    public async Task<int> StoreSummary() =>
        (await _store!.SummarizeExposuresAsync(s_scope)).Variations.Count;

    private async Task<string> RunAsync(string sql)
    {
        using var content = new StringContent(sql);
        using HttpResponseMessage response = await _http.PostAsync(_url, content);
        string body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException(body);
    }
}
