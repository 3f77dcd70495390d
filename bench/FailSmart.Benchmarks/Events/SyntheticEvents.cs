using DuckDB.NET.Data;
using FailSmart.Storage;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;

namespace FailSmart.Benchmarks.Events;

/// <summary>Deterministic synthetic events, so runs are comparable.</summary>
internal static class SyntheticEvents
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static MetricEvent[] MetricEvents(int count)
    {
        var events = new MetricEvent[count];
        for (int i = 0; i < count; i++)
        {
            // A multiplicative hash spreads units and values without a random generator.
            uint h = (uint)i * 2654435761u;
            bool purchase = h % 5 == 0;
            events[i] = new MetricEvent(
                $"e-{i}", "production", $"u{h % 1_000_000}", purchase ? "purchase" : "session",
                purchase ? h % 10_000 / 100.0 : null, Start.AddSeconds(h % 1_209_600));
        }

        return events;
    }

    /// <summary>
    /// Creates an event store in <paramref name="folder"/> and fills it in SQL with one experiment's
    /// exposures (two variations; every 50,000th exposure flips the unit's variation, so some units saw
    /// both) and metric events (every fifth a purchase with a value, the rest sessions; 200,000 of the
    /// units never exposed), then checkpoints it.
    /// </summary>
    public static async Task FillDuckDbAsync(string folder, int exposures, int units, int metricEvents)
    {
        var store = new DuckDbEventStore(DataFolder.Prepare(folder), TimeProvider.System);
        await store.InitializeAsync();
        await store.DisposeAsync();
        long start = Start.ToUnixTimeMilliseconds();
        using var connection = new DuckDBConnection($"Data Source={Path.Combine(folder, DuckDbEventStore.FileName)}");
        connection.Open();
        using DuckDBCommand load = connection.CreateCommand();
        load.CommandText = $"""
            INSERT INTO exposures
            SELECT 'x' || i, 'production', 'u' || (i % {units}), 'exp', 1,
                   CAST((hash('u' || (i % {units})) + CASE WHEN i % 50000 = 0 THEN 1 ELSE 0 END) % 2 AS INTEGER),
                   {start} + (i * 7919) % 1209600000, 0,
                   ['country'], [CASE (i % {units}) % 4 WHEN 0 THEN 'NZ' WHEN 1 THEN 'US' WHEN 2 THEN 'DE' ELSE 'BR' END], NULL
            FROM range({exposures}) r(i);
            INSERT INTO metric_events
            SELECT 'e' || i, 'production', 'u' || (hash(i) % {units + 200_000}),
                   CASE WHEN i % 5 = 0 THEN 'purchase' ELSE 'session' END,
                   CASE WHEN i % 5 = 0 THEN (hash(i) % 10000) / 100.0 END,
                   {start} + (hash(i * 31) % 2419200000), 0, [], [], NULL
            FROM range({metricEvents}) r(i);
            CHECKPOINT;
            """;
        load.ExecuteNonQuery();
    }
}
