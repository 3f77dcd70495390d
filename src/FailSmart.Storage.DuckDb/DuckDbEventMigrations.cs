using FailSmart.Storage.Migrations;

namespace FailSmart.Storage.DuckDb;

/// <summary>The event schema, step by step. Append only: never edit a released step.</summary>
internal static class DuckDbEventMigrations
{
    // Times are milliseconds since the Unix epoch so that the analysis SQL is the same on every engine.
    // Properties are parallel key and value lists, which both DuckDB and ClickHouse index cheaply.
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "exposures and metric events", """
            CREATE TABLE exposures (
                event_id VARCHAR PRIMARY KEY,
                environment VARCHAR NOT NULL,
                unit_id VARCHAR NOT NULL,
                experiment_key VARCHAR NOT NULL,
                phase INTEGER NOT NULL,
                variation INTEGER NOT NULL,
                occurred_at_ms BIGINT NOT NULL,
                received_at_ms BIGINT NOT NULL,
                property_keys VARCHAR[] NOT NULL,
                property_values VARCHAR[] NOT NULL);
            CREATE TABLE metric_events (
                event_id VARCHAR PRIMARY KEY,
                environment VARCHAR NOT NULL,
                unit_id VARCHAR NOT NULL,
                event_name VARCHAR NOT NULL,
                value DOUBLE,
                occurred_at_ms BIGINT NOT NULL,
                received_at_ms BIGINT NOT NULL,
                property_keys VARCHAR[] NOT NULL,
                property_values VARCHAR[] NOT NULL);
            """),
    ];
}
