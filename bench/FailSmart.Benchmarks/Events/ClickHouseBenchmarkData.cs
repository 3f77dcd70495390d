namespace FailSmart.Benchmarks.Events;

/// <summary>
/// The synthetic experiment of <see cref="EventAnalysisBenchmarks"/>, generated inside ClickHouse and
/// merged, so ClickHouse benchmarks measure the same data as DuckDB's.
/// </summary>
internal static class ClickHouseBenchmarkData
{
    /// <summary>Fills the store's tables in <paramref name="database"/> through <paramref name="run"/>, which sends one statement.</summary>
    public static async Task LoadAsync(Func<string, Task> run, string database)
    {
        long start = SyntheticEvents.Start.ToUnixTimeMilliseconds();
        int units = EventAnalysisBenchmarks.Units;
        await run($"""
            INSERT INTO {database}.exposures
            SELECT concat('x', toString(number)), 'production', concat('u', toString(number % {units})), 'exp', 1,
                   toInt32((cityHash64(concat('u', toString(number % {units}))) + if(number % 50000 = 0, 1, 0)) % 2),
                   {start} + (number * 7919) % 1209600000, 0,
                   ['country'], [multiIf((number % {units}) % 4 = 0, 'NZ', (number % {units}) % 4 = 1, 'US', (number % {units}) % 4 = 2, 'DE', 'BR')]
            FROM system.numbers LIMIT {EventAnalysisBenchmarks.Exposures}
            """);
        await run($"""
            INSERT INTO {database}.metric_events
            SELECT concat('e', toString(number)), 'production', concat('u', toString(cityHash64(number) % {units + 200_000})),
                   if(number % 5 = 0, 'purchase', 'session'),
                   if(number % 5 = 0, toNullable((cityHash64(number) % 10000) / 100.0), CAST(NULL AS Nullable(Float64))),
                   {start} + toInt64(cityHash64(number * 31) % 2419200000), 0, emptyArrayString(), emptyArrayString()
            FROM system.numbers LIMIT {EventAnalysisBenchmarks.MetricEvents}
            """);
    }
}
