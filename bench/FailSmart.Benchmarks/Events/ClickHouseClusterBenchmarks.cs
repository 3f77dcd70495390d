using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FailSmart.Storage.ClickHouse;
using FailSmart.Storage.Events;

namespace FailSmart.Benchmarks.Events;

/// <summary>
/// The synthetic experiment of <see cref="ClickHouseAnalysisBenchmarks"/> in the store on one ClickHouse
/// server (FAILSMART_BENCH_CLICKHOUSE, the baseline) and on a cluster of shards
/// (FAILSMART_BENCH_CLICKHOUSE_CLUSTER: their HTTP URLs, comma-separated, of the cluster named failsmart,
/// as eng/services/clickhouse.sh starts it). Both hold the same rows, merged.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's cleanup method disposes the stores.")]
public class ClickHouseClusterBenchmarks
{
    private const string Database = "failsmart_bench_cluster";
    private static readonly ExperimentScope s_scope = new("production", "exp", 1, SyntheticEvents.Start.AddDays(30));

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(10) };
    private Uri[] _servers = [];
    private ClickHouseEventStore? _single;
    private ClickHouseEventStore? _cluster;

    [GlobalSetup]
    public async Task Load()
    {
        Uri single = new(Environment.GetEnvironmentVariable("FAILSMART_BENCH_CLICKHOUSE")
            ?? throw new InvalidOperationException("Set FAILSMART_BENCH_CLICKHOUSE to a ClickHouse HTTP URL (clickhouse_start in eng/services/clickhouse.sh)."));
        Uri[] shards = [.. (Environment.GetEnvironmentVariable("FAILSMART_BENCH_CLICKHOUSE_CLUSTER")
            ?? throw new InvalidOperationException("Set FAILSMART_BENCH_CLICKHOUSE_CLUSTER to the shards' HTTP URLs (clickhouse_cluster_start in eng/services/clickhouse.sh)."))
            .Split(',').Select(url => new Uri(url))];
        _servers = [single, .. shards];
        await DropAsync();
        _single = new ClickHouseEventStore(new ClickHouseConnectionOptions { Url = single, Database = Database }, TimeProvider.System);
        _cluster = new ClickHouseEventStore(
            new ClickHouseConnectionOptions { Url = shards[0], Database = Database, Cluster = "failsmart", Shards = shards }, TimeProvider.System);
        await _single.InitializeAsync();
        await _cluster.InitializeAsync();

        await ClickHouseBenchmarkData.LoadAsync(sql => RunAsync(single, sql), Database);
        // Through the Distributed tables, which send each unit's rows to its shard before answering.
        await ClickHouseBenchmarkData.LoadAsync(sql => RunAsync(shards[0], sql, "insert_distributed_sync=1"), Database);
        foreach (Uri server in _servers)
        {
            string suffix = server == single ? "" : "_local";
            await RunAsync(server, $"OPTIMIZE TABLE {Database}.exposures{suffix} FINAL");
            await RunAsync(server, $"OPTIMIZE TABLE {Database}.metric_events{suffix} FINAL");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await DropAsync();
        _single?.Dispose();
        _cluster?.Dispose();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, Description = "One server: sum metric")]
    public async Task<int> SingleSum() =>
        (await _single!.AnalyzeMetricAsync(s_scope, MetricDefinition.Sum("revenue", "purchase"))).Variations.Count;

    [Benchmark(Description = "Two shards: sum metric")]
    public async Task<int> ClusterSum() =>
        (await _cluster!.AnalyzeMetricAsync(s_scope, MetricDefinition.Sum("revenue", "purchase"))).Variations.Count;

    [Benchmark(Description = "One server: exposure summary (SRM)")]
    public async Task<int> SingleSummary() =>
        (await _single!.SummarizeExposuresAsync(s_scope)).Variations.Count;

    [Benchmark(Description = "Two shards: exposure summary (SRM)")]
    public async Task<int> ClusterSummary() =>
        (await _cluster!.SummarizeExposuresAsync(s_scope)).Variations.Count;

    private async Task DropAsync()
    {
        foreach (Uri server in _servers)
        {
            await RunAsync(server, $"DROP DATABASE IF EXISTS {Database}");
        }
    }

    private async Task<string> RunAsync(Uri server, string sql, string settings = "")
    {
        using var content = new StringContent(sql);
        using HttpResponseMessage response = await _http.PostAsync(new Uri(server, "/?" + settings), content);
        string body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException(body);
    }
}
