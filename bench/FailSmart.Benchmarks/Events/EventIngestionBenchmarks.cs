using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DuckDB.NET.Data;
using FailSmart.Storage;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;

namespace FailSmart.Benchmarks.Events;

/// <summary>
/// Ingestion into DuckDB: the store's idempotent append (ids checked against the writer's set of stored
/// id hashes, then the appender, committed) against the raw appender into a table with no key, the
/// floor. Each iteration starts from an empty file.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "BenchmarkDotNet's cleanup methods dispose the stores.")]
public class EventIngestionBenchmarks
{
    private const int BatchSize = 10_000;
    private MetricEvent[] _events = [];
    private string _folder = "";
    private DuckDbEventStore? _store;
    private DuckDBConnection? _raw;

    [Params(200_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Generate() => _events = SyntheticEvents.MetricEvents(Events);

    [IterationSetup(Target = nameof(RawAppender))]
    public void OpenRaw()
    {
        _folder = Directory.CreateTempSubdirectory("failsmart-bench-").FullName;
        _raw = new DuckDBConnection($"Data Source={Path.Combine(_folder, "raw.duckdb")}");
        _raw.Open();
        using DuckDBCommand create = _raw.CreateCommand();
        create.CommandText = """
            CREATE TABLE metric_events (event_id VARCHAR, environment VARCHAR, unit_id VARCHAR, event_name VARCHAR, value DOUBLE,
                occurred_at_ms BIGINT, received_at_ms BIGINT, property_keys VARCHAR[], property_values VARCHAR[])
            """;
        create.ExecuteNonQuery();
    }

    [IterationSetup(Target = nameof(StoreAppend))]
    public void OpenStore()
    {
        _folder = Directory.CreateTempSubdirectory("failsmart-bench-").FullName;
        _store = new DuckDbEventStore(DataFolder.Prepare(_folder), TimeProvider.System);
        _store.InitializeAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void Close()
    {
        _raw?.Dispose();
        _raw = null;
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store = null;
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "DuckDB appender, no key (floor)")]
    public void RawAppender()
    {
        string[] none = [];
        for (int start = 0; start < _events.Length; start += BatchSize)
        {
            using DuckDBAppender appender = _raw!.CreateAppender("metric_events");
            foreach (MetricEvent e in _events.AsSpan(start, Math.Min(BatchSize, _events.Length - start)))
            {
                appender.CreateRow()
                    .AppendValue(e.EventId).AppendValue(e.Environment).AppendValue(e.UnitId).AppendValue(e.EventName)
                    .AppendValue(e.Value).AppendValue(e.OccurredAt.ToUnixTimeMilliseconds()).AppendValue(0L)
                    .AppendValue(none).AppendValue(none)
                    .EndRow();
            }
        }
    }

    [Benchmark(Description = "IEventStore.AppendAsync (idempotent, committed)")]
    public async Task StoreAppend()
    {
        for (int start = 0; start < _events.Length; start += BatchSize)
        {
            await _store!.AppendAsync(new EventBatch([], _events[start..Math.Min(start + BatchSize, _events.Length)]));
        }
    }
}
