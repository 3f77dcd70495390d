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
        // Ids are de-duplicated by the store's writer (StoredEventIds), not by a primary key whose index
        // cost most of each append. DuckDB cannot drop a key, so each table is copied into one without.
        // id_hash is the writer's hash of event_id, so a start reads 8 bytes a row instead of every id;
        // it is null for rows written before (and by imports), whose ids are hashed when read.
        new(2, "event ids without a primary key index", """
            CREATE TABLE exposures_v2 (
                event_id VARCHAR NOT NULL,
                environment VARCHAR NOT NULL,
                unit_id VARCHAR NOT NULL,
                experiment_key VARCHAR NOT NULL,
                phase INTEGER NOT NULL,
                variation INTEGER NOT NULL,
                occurred_at_ms BIGINT NOT NULL,
                received_at_ms BIGINT NOT NULL,
                property_keys VARCHAR[] NOT NULL,
                property_values VARCHAR[] NOT NULL,
                id_hash UBIGINT);
            INSERT INTO exposures_v2 SELECT *, NULL FROM exposures;
            DROP TABLE exposures;
            ALTER TABLE exposures_v2 RENAME TO exposures;
            CREATE TABLE metric_events_v2 (
                event_id VARCHAR NOT NULL,
                environment VARCHAR NOT NULL,
                unit_id VARCHAR NOT NULL,
                event_name VARCHAR NOT NULL,
                value DOUBLE,
                occurred_at_ms BIGINT NOT NULL,
                received_at_ms BIGINT NOT NULL,
                property_keys VARCHAR[] NOT NULL,
                property_values VARCHAR[] NOT NULL,
                id_hash UBIGINT);
            INSERT INTO metric_events_v2 SELECT *, NULL FROM metric_events;
            DROP TABLE metric_events;
            ALTER TABLE metric_events_v2 RENAME TO metric_events;
            """),
        // One row per kept table of per-unit metric rows (incremental refresh): the scope time and the
        // last received_at_ms it reflects.
        new(3, "incremental refresh state", """
            CREATE TABLE unit_metric_state (
                table_name VARCHAR PRIMARY KEY,
                as_of_ms BIGINT NOT NULL,
                watermark_ms BIGINT NOT NULL,
                refreshed_at_ms BIGINT NOT NULL);
            """),
        // The earliest received_at_ms of a row a kept table has not counted yet because its time had not
        // come (null: none), so a refresh reads only rows received since then. Tables kept before this
        // step are of the former row shape; they are left to be dropped when unused.
        new(4, "incremental refresh reads only new rows", """
            ALTER TABLE unit_metric_state ADD COLUMN pending_from_ms BIGINT;
            """),
    ];
}
