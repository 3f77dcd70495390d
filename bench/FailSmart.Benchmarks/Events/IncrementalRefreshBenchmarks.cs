using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using FailSmart.Storage;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;

namespace FailSmart.Benchmarks.Events;

/// <summary>
/// The results refresh of one metric on the analysis benchmark's data (2,000,000 exposures, 5,000,000
/// events, or ten times that with FAILSMART_BENCH_SCALE=10): a full analysis against an incremental
/// refresh from the kept per-unit rows, after 1% more events (purchases and sessions of existing units)
/// arrived since the last refresh.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's cleanup methods dispose the store.")]
public class IncrementalRefreshBenchmarks
{
    // 1% of the events, at every scale.
    private static readonly int s_newEventsPerRefresh = EventAnalysisBenchmarks.MetricEvents / 100;
    private static readonly ExperimentScope s_scope = new("production", "exp", 1, SyntheticEvents.Start.AddDays(30));
    private static readonly MetricDefinition s_metric =
        MetricDefinition.Sum("revenue", "purchase") with { CovariateWindow = TimeSpan.FromDays(7), Capping = Capping.AtPercentile(0.99) };

    private string _folder = "";
    private DuckDbEventStore? _store;
    private int _round;

    [GlobalSetup]
    public async Task Load()
    {
        _folder = Directory.CreateTempSubdirectory("failsmart-bench-").FullName;
        await SyntheticEvents.FillDuckDbAsync(_folder, EventAnalysisBenchmarks.Exposures, EventAnalysisBenchmarks.Units, EventAnalysisBenchmarks.MetricEvents);
        _store = new DuckDbEventStore(DataFolder.Prepare(_folder), TimeProvider.System);
        await _store.InitializeAsync();
        await _store.RefreshMetricAsync(s_scope, s_metric); // the first refresh builds the per-unit table
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store!.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>New events for existing units since the last refresh, as an SDK would send them.</summary>
    [IterationSetup]
    public void Arrive()
    {
        int round = Interlocked.Increment(ref _round);
        MetricEvent[] events = [.. SyntheticEvents.MetricEvents(s_newEventsPerRefresh).Select(e => e with { EventId = $"{e.EventId}-r{round}" })];
        _store!.AppendAsync(new EventBatch([], events)).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Full analysis (sum, CUPED, 99th-percentile cap)")]
    public async Task<int> Full() => (await _store!.AnalyzeMetricAsync(s_scope, s_metric)).Variations.Count;

    [Benchmark(Description = "Incremental refresh after 1% new events")]
    public async Task<int> Incremental() => (await _store!.RefreshMetricAsync(s_scope, s_metric)).Variations.Count;
}
