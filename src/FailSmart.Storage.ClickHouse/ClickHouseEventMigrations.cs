namespace FailSmart.Storage.ClickHouse;

/// <summary>
/// The event schema on ClickHouse, step by step. Append only: never edit a released step. ClickHouse has
/// no transactional DDL and no locks, so every statement must be idempotent (IF NOT EXISTS): a runner
/// killed part-way runs its step again at the next start, and replicas starting together run it at once.
/// On a cluster each statement runs on every shard for the local table (<see cref="ClickHouseLayout"/>); a
/// later step that alters a table must alter its Distributed table too.
/// </summary>
internal static class ClickHouseEventMigrations
{
    public static IReadOnlyList<(int Version, string Name, TableStatement[] Statements)> All { get; } =
    [
        (1, "exposures and metric events",
        [
            // ReplacingMergeTree keeps one row per sorting key (which ends in event_id) when parts merge;
            // the analysis never depends on that having happened.
            new("exposures", table => $"""
            CREATE TABLE IF NOT EXISTS {table} (
                event_id String,
                environment String,
                unit_id String,
                experiment_key String,
                phase Int32,
                variation Int32,
                occurred_at_ms Int64,
                received_at_ms Int64,
                property_keys Array(String),
                property_values Array(String))
            ENGINE = ReplacingMergeTree()
            PARTITION BY toYYYYMM(toDateTime(intDiv(occurred_at_ms, 1000)))
            ORDER BY (environment, experiment_key, phase, unit_id, event_id)
            """),
            new("metric_events", table => $"""
            CREATE TABLE IF NOT EXISTS {table} (
                event_id String,
                environment String,
                unit_id String,
                event_name String,
                value Nullable(Float64),
                occurred_at_ms Int64,
                received_at_ms Int64,
                property_keys Array(String),
                property_values Array(String))
            ENGINE = ReplacingMergeTree()
            PARTITION BY toYYYYMM(toDateTime(intDiv(occurred_at_ms, 1000)))
            ORDER BY (environment, event_name, unit_id, event_id)
            """),
        ]),
    ];
}
