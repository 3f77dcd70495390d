using FailSmart.Storage.Migrations;

namespace FailSmart.Storage.DuckDb;

/// <summary>The event schema, step by step. Append only: never edit a released step.</summary>
internal static class DuckDbEventMigrations
{
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
                occurred_at TIMESTAMPTZ NOT NULL,
                received_at TIMESTAMPTZ NOT NULL,
                properties JSON);
            CREATE TABLE metric_events (
                event_id VARCHAR PRIMARY KEY,
                environment VARCHAR NOT NULL,
                unit_id VARCHAR NOT NULL,
                event_name VARCHAR NOT NULL,
                value DOUBLE,
                occurred_at TIMESTAMPTZ NOT NULL,
                received_at TIMESTAMPTZ NOT NULL,
                properties JSON);
            """),
    ];
}
