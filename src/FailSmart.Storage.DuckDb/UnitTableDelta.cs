using System.Globalization;
using FailSmart.Storage.Events;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.DuckDb;

/// <summary>Where a kept table of per-unit rows stands: its scope time, the last stamp it read, its first uncounted row.</summary>
/// <param name="AsOf">The scope time its rows were computed at.</param>
/// <param name="Watermark">The last received_at_ms it reflects.</param>
/// <param name="PendingFrom">The earliest received_at_ms of a row it left out because the row's time was after
/// <paramref name="AsOf"/> (an event dated ahead); null when there is none.</param>
internal sealed record KeptUnitTable(long AsOf, long Watermark, long? PendingFrom);

/// <summary>
/// The SQL that brings a kept table of per-unit rows (<see cref="AnalysisSql.UnitRows"/>) from
/// <paramref name="kept"/> to a later scope time, reading only the rows that arrived since: those received
/// after the watermark, and those left out for their time (received from
/// <see cref="KeptUnitTable.PendingFrom"/> on). Rows are appended in received_at_ms order, so DuckDB's
/// zone maps skip every older row group. A unit already kept whose first exposure stays takes in its new
/// events one by one, in the order they were stored, which is the order a full analysis adds them in;
/// a new unit, one whose first exposure moved earlier, or one with an event left out before is
/// recomputed from all its rows.
/// </summary>
internal sealed class UnitTableDelta(AnalysisSql sql, MetricDefinition metric, string table, KeptUnitTable kept, long asOfMs)
{
    private string From => Num(kept.PendingFrom is long pending ? Math.Min(pending, kept.Watermark + 1) : kept.Watermark + 1);

    // Counted now and not before: received since the watermark, or left out for a time that has come.
    private string Arrived =>
        $"received_at_ms >= {From} AND occurred_at_ms <= {Num(asOfMs)} AND (received_at_ms > {Num(kept.Watermark)} OR occurred_at_ms > {Num(kept.AsOf)})";

    /// <summary>Per unit, the exposures that arrived: lowest and highest variation, earliest time.</summary>
    public string DeltaExposures => $"""
        CREATE OR REPLACE TEMP TABLE delta_exposures AS
        SELECT unit_id, min(variation) AS d_min, max(variation) AS d_max, min(occurred_at_ms) AS d_first
        FROM exposures
        WHERE {sql.PhaseExposuresAnyTime} AND {Arrived}
        GROUP BY unit_id
        """;

    /// <summary>The metric's events that arrived, in storage order; d_late marks one left out before for its time.</summary>
    public string DeltaEvents => $"""
        CREATE OR REPLACE TEMP TABLE delta_events AS
        SELECT rowid AS d_row, unit_id, event_name, value, occurred_at_ms, received_at_ms <= {Num(kept.Watermark)} AS d_late
        FROM metric_events
        WHERE {sql.MetricEventsAnyTime(metric)} AND {Arrived}
        """;

    /// <summary>
    /// The kept rows of the units that something arrived for, with their row ids: the one pass over the
    /// kept table before it is written, so every later step joins small tables.
    /// </summary>
    public string TouchedRows => $"""
        CREATE OR REPLACE TEMP TABLE touched_rows AS
        SELECT rowid AS k_row, * FROM {table}
        WHERE unit_id IN (SELECT unit_id FROM delta_exposures UNION ALL SELECT unit_id FROM delta_events)
        """;

    /// <summary>
    /// Units whose rows are recomputed whole: new units, units exposed earlier than their kept first
    /// exposure (every event's window moves), and kept units with an event older than events already
    /// counted (adding it last could round a sum differently from a full analysis).
    /// </summary>
    public static string RebuiltUnits => """
        CREATE OR REPLACE TEMP TABLE rebuilt_units AS
        SELECT x.unit_id FROM delta_exposures AS x LEFT JOIN touched_rows AS k ON k.unit_id = x.unit_id
        WHERE k.unit_id IS NULL OR x.d_first < k.first_ms
        UNION
        SELECT unit_id FROM delta_events WHERE d_late AND unit_id IN (SELECT unit_id FROM touched_rows)
        """;

    /// <summary>
    /// The kept units that take in what arrived, with their new rows. A unit's new values are added to its
    /// kept sums one by one in storage order; a single new value needs no list, which most units have.
    /// </summary>
    public string ChangedRows()
    {
        UnitAggregates a = sql.Aggregates(metric);
        (string Column, UnitAggregate? Aggregate)[] columns = [("m_y", a.Y), ("m_d", a.D), ("m_x", a.X), ("m_q", a.Q), ("m_n", a.N)];
        string perEvent = string.Join(", ", columns.Where(c => c.Aggregate is not null).Select(c => $"{c.Aggregate!.PerEvent} AS v_{c.Column}"));
        string totals = string.Join(", ", columns.Where(c => c.Aggregate is not null).Select(c => $"{(c.Aggregate!.IsMaximum ? "max" : "sum")}(v_{c.Column}) AS e_{c.Column}"));
        string[] valueSums = [.. columns.Where(c => c.Aggregate is { AddsValues: true }).Select(c => c.Column)];
        string lists = valueSums.Length == 0 ? "NULL AS no_list" : string.Join(", ", valueSums.Select(c => $"list(CAST(v_{c} AS DOUBLE) ORDER BY d_row) AS l_{c}"));
        return $"""
            CREATE OR REPLACE TEMP TABLE changed_rows AS
            WITH new_values AS (
                SELECT unit_id, d_row, {perEvent}
                FROM delta_events JOIN (SELECT unit_id, first_ms FROM touched_rows) AS f USING (unit_id)
                WHERE NOT d_late),
            e AS (SELECT unit_id, count(*) AS e_count, {totals} FROM new_values GROUP BY unit_id),
            l AS (
                SELECT unit_id, {lists} FROM new_values
                WHERE unit_id IN (SELECT unit_id FROM e WHERE e_count > 1)
                GROUP BY unit_id)
            SELECT k.unit_id,
                   least(k.u_variation, coalesce(x.d_min, k.u_variation)) AS u_variation,
                   greatest(k.u_max_variation, coalesce(x.d_max, k.u_max_variation)) AS u_max_variation,
                   k.first_ms,
                   {Fold("m_y", a.Y)} AS m_y, {Fold("m_d", a.D)} AS m_d, {Fold("m_x", a.X)} AS m_x, {Fold("m_q", a.Q)} AS m_q,
                   k.m_n + CAST(coalesce(e.e_m_n, 0) AS BIGINT) AS m_n
            FROM touched_rows AS k
            LEFT JOIN delta_exposures AS x ON x.unit_id = k.unit_id
            LEFT JOIN e ON e.unit_id = k.unit_id
            LEFT JOIN l ON l.unit_id = k.unit_id
            WHERE k.unit_id NOT IN (SELECT unit_id FROM rebuilt_units)
            """;
    }

    /// <summary>Every touched row is replaced by its unit's changed or recomputed row.</summary>
    public string ReplaceRows => $"""
        DELETE FROM {table} WHERE rowid IN (SELECT k_row FROM touched_rows);
        INSERT INTO {table} SELECT * FROM changed_rows
        """;

    /// <summary>The recomputed rows of <see cref="RebuiltUnits"/>, added to the changed rows.</summary>
    public string RebuiltRows => $"INSERT INTO changed_rows {sql.UnitRows(metric, "SELECT unit_id FROM rebuilt_units")}";

    /// <summary>The earliest stamp of a row still left out for its time after this refresh (null: none).</summary>
    public string PendingFrom => PendingSince(sql, metric, From, asOfMs);

    /// <summary>As <see cref="PendingFrom"/> over every row, for a table built whole.</summary>
    public static string PendingSince(AnalysisSql sql, MetricDefinition metric, string? receivedFrom, long asOfMs)
    {
        string since = receivedFrom is null ? "" : $"received_at_ms >= {receivedFrom} AND ";
        return $"""
            SELECT min(received_at_ms) FROM (
                SELECT received_at_ms FROM exposures WHERE {since}{sql.PhaseExposuresAnyTime} AND occurred_at_ms > {Num(asOfMs)}
                UNION ALL
                SELECT received_at_ms FROM metric_events WHERE {since}{sql.MetricEventsAnyTime(metric)} AND occurred_at_ms > {Num(asOfMs)}) AS pending
            """;
    }

    // A column's kept value with the unit's new events taken in: a sum of values adds them one by one
    // in storage order, which is the order a full analysis adds them in (adding their total could round
    // differently); a count adds up exactly in any order, and a maximum is a maximum.
    private static string Fold(string column, UnitAggregate? aggregate) => aggregate switch
    {
        null => $"k.{column}",
        { AddsValues: true } => $"""
            CASE WHEN e.e_count IS NULL THEN k.{column}
                 WHEN e.e_count = 1 THEN k.{column} + e.e_{column}
                 ELSE list_reduce(l.l_{column}, (total, v) -> total + v, k.{column}) END
            """,
        { IsMaximum: true } => $"greatest(k.{column}, CAST(coalesce(e.e_{column}, 0) AS DOUBLE))",
        _ => $"k.{column} + CAST(coalesce(e.e_{column}, 0) AS DOUBLE)",
    };

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
