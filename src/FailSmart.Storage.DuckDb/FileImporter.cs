using System.Globalization;
using DuckDB.NET.Data;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// Loads an export into the store's tables: stages each file as text, maps its columns, checks every
/// value (reporting the first bad one of each column by file, line and column), then inserts it all in
/// one transaction. Nothing is stored unless every check passes. Used while holding the store's gate.
/// </summary>
internal sealed class FileImporter(DuckDBConnection connection, EventFileImport import) : IDisposable
{
    // Numbers below this are epoch seconds (up to the year 5138), below the next epoch milliseconds.
    private const string SecondsBelow = "1e11";
    private const string MillisecondsBelow = "1e14";

    // An index is a small non-negative integer; an offset follows a time of day: Z, UTC, +02, +0200, +02:00.
    private const string IndexPattern = "'[0-9]{1,9}'";
    private const string OffsetPattern = "'[0-9]:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)? ?(Z|z|UTC|[+-][0-9]{2}(:?[0-9]{2})?)$'";

    private readonly List<FileImportProblem> _problems = [];
    private readonly List<string> _tables = [];
    private readonly string _prefix = "fs_import_" + Guid.NewGuid().ToString("N");

    public FileImportResult Import(string idPrefix, long receivedAt)
    {
        StagedFile? exposures = Stage(import.ExposuresPath, "exposures");
        StagedFile? events = Stage(import.EventsPath, "events");
        StagedFile? units = import.UnitsPath is { } unitsPath ? Stage(unitsPath, "units") : null;
        if (exposures is null || events is null || (import.UnitsPath is not null && units is null))
        {
            return Refused();
        }

        EventFileColumns xc = import.ExposureColumns, ec = import.EventColumns;
        string? xUnit = Required(exposures, xc.Unit, "unit");
        string? xTime = Required(exposures, xc.Timestamp, "timestamp");
        string? xVariation = Required(exposures, xc.Variation, "variation");
        string? xExperiment = import.Experiment is null ? Required(exposures, xc.Experiment ?? "experiment", "experiment") : Optional(exposures, xc.Experiment, "experiment", "experiment");
        string? xPhase = Optional(exposures, xc.Phase, "phase", "phase");
        string? eUnit = Required(events, ec.Unit, "unit");
        string? eTime = Required(events, ec.Timestamp, "timestamp");
        string? eEvent = Required(events, ec.Event, "event");
        string? eValue = Optional(events, ec.Value, "value", "value");
        string? uUnit = units is null ? null : Required(units, import.UnitColumns.Unit, "unit");
        if (_problems.Count > 0)
        {
            return Refused();
        }

        string experiment = xExperiment is null ? SqlText.Literal(import.Experiment!) : Text("x", xExperiment);
        string phase = xPhase is null ? import.Phase.ToString(CultureInfo.InvariantCulture) : $"TRY_CAST({Text("x", xPhase)} AS INTEGER)";

        // Exposures: each column's first bad value.
        NotEmpty(exposures, xUnit!, "every exposure needs a unit.");
        if (xExperiment is not null)
        {
            NotEmpty(exposures, xExperiment, "every exposure needs an experiment.");
        }

        if (xPhase is not null)
        {
            FirstBad(exposures, xPhase, $"{phase} IS NULL OR {phase} < 1", v => $"'{v}' is not a phase number (1 or more).");
        }

        Timestamps(exposures, xTime!);
        if (NotEmpty(exposures, xVariation!, "every exposure needs a variation (a key or an index)."))
        {
            Variations(exposures, experiment, xVariation!);
        }

        // Events.
        NotEmpty(events, eUnit!, "every event needs a unit.");
        NotEmpty(events, eEvent!, "every event needs an event name.");
        Timestamps(events, eTime!);
        if (eValue is not null)
        {
            FirstBad(events, eValue, $"{Text("x", eValue)} IS NOT NULL AND TRY_CAST({Text("x", eValue)} AS DOUBLE) IS NULL",
                v => $"'{v}' is not a number. Leave the value empty when an event has none.");
        }

        // Units: one row each.
        if (units is not null && NotEmpty(units, uUnit!, "every row needs a unit."))
        {
            FirstBad(units, uUnit!,
                $"x.rowid IN (SELECT rowid FROM (SELECT rowid, row_number() OVER (PARTITION BY {Text("x", uUnit!)} ORDER BY rowid) AS n FROM {units.Table} x) WHERE n > 1)",
                v => $"unit '{v}' is listed more than once; list each unit once.");
        }

        if (_problems.Count > 0)
        {
            return Refused();
        }

        List<(string Name, string Value)> attributes = Attributes(exposures, [xUnit!, xTime!, xVariation!, xExperiment, xPhase], units, uUnit);
        string keys = "[" + string.Join(", ", attributes.Select(a => SqlText.Literal(a.Name))) + "]::VARCHAR[]";
        string values = "[" + string.Join(", ", attributes.Select(a => a.Value)) + "]::VARCHAR[]";
        string unitJoin = units is null ? "" : $"LEFT JOIN {units.Table} u ON {Text("u", uUnit!)} = {Text("x", xUnit!)}";
        string received = receivedAt.ToString(CultureInfo.InvariantCulture);
        using var transaction = connection.BeginTransaction();
        int exposureRows = Execute($"""
            INSERT INTO exposures (event_id, environment, unit_id, experiment_key, phase, variation, occurred_at_ms, received_at_ms, property_keys, property_values)
            SELECT {SqlText.Literal(idPrefix + "exposure-")} || CAST(x.rowid + 1 AS VARCHAR), {SqlText.Literal(import.Environment)}, {Text("x", xUnit!)},
                   {experiment}, {phase}, m.idx, {Milliseconds(Text("x", xTime!))}, {received}, {keys}, {values}
            FROM {exposures.Table} x JOIN {_prefix}_variations m ON m.e = {experiment} AND m.v = {Text("x", xVariation!)}
            {unitJoin}
            """);
        int eventRows = Execute($"""
            INSERT INTO metric_events (event_id, environment, unit_id, event_name, value, occurred_at_ms, received_at_ms, property_keys, property_values)
            SELECT {SqlText.Literal(idPrefix + "event-")} || CAST(x.rowid + 1 AS VARCHAR), {SqlText.Literal(import.Environment)}, {Text("x", eUnit!)},
                   {Text("x", eEvent!)}, {(eValue is null ? "CAST(NULL AS DOUBLE)" : $"CAST({Text("x", eValue)} AS DOUBLE)")}, {Milliseconds(Text("x", eTime!))},
                   {received}, []::VARCHAR[], []::VARCHAR[]
            FROM {events.Table} x
            """);
        transaction.Commit();
        return new FileImportResult(exposureRows, eventRows, [.. attributes.Select(a => a.Name)], []);
    }

    public void Dispose()
    {
        foreach (string table in _tables)
        {
            Execute($"DROP TABLE IF EXISTS {table}");
        }
    }

    private FileImportResult Refused() => new(0, 0, [], [.. _problems]);

    private StagedFile? Stage(string path, string name)
    {
        string table = $"{_prefix}_{name}";
        _tables.Add(table);
        return StagedFile.Stage(connection, path, table, _problems);
    }

    private string? Required(StagedFile file, string name, string role)
    {
        if (file.Find(name) is { } found)
        {
            return found;
        }

        _problems.Add(new(file.File, null, name, $"is missing; it should hold the {role}. The file's columns are: {string.Join(", ", file.Columns)}."));
        return null;
    }

    /// <summary>A column that may be absent under its default name, but must exist when named.</summary>
    private string? Optional(StagedFile file, string? named, string defaultName, string role) =>
        named is null ? file.Find(defaultName) : Required(file, named, role);

    private bool NotEmpty(StagedFile file, string column, string why) =>
        FirstBad(file, column, $"{Text("x", column)} IS NULL", _ => "is empty; " + why);

    private void Timestamps(StagedFile file, string column)
    {
        string hint = import.TimestampFormat switch
        {
            TimestampFormat.EpochSeconds => "is not a number of seconds since 1970 (the timestamp format is epoch seconds).",
            TimestampFormat.EpochMilliseconds => "is not a number of milliseconds since 1970 (the timestamp format is epoch milliseconds).",
            TimestampFormat.Iso8601 => "is not an ISO 8601 date-time such as 2026-11-01T12:00:00Z (the timestamp format is ISO 8601).",
            _ => "is not a timestamp. Write ISO 8601 with an offset (2026-11-01T12:00:00Z), or epoch seconds or milliseconds.",
        };
        FirstBad(file, column, $"{Milliseconds(Text("x", column))} IS NULL", v => $"'{v}' {hint}");
    }

    /// <summary>
    /// Variation keys or indexes to indexes, per experiment: the analysed experiment's keys by their
    /// position in <see cref="EventFileImport.VariationKeys"/>; another experiment's integers as they
    /// are, or, if it uses keys, its keys numbered in sorted order.
    /// </summary>
    private void Variations(StagedFile file, string experiment, string column)
    {
        string keys = "[" + string.Join(", ", import.VariationKeys.Select(SqlText.Literal)) + "]::VARCHAR[]";
        string analysed = import.Experiment is null ? "NULL" : SqlText.Literal(import.Experiment);
        string table = $"{_prefix}_variations";
        _tables.Add(table);
        Execute($"""
            CREATE TEMP TABLE {table} AS
            SELECT e, v, CASE
                WHEN e = {analysed} THEN coalesce(list_position({keys}, v) - 1, CASE WHEN regexp_full_match(v, {IndexPattern}) THEN CAST(v AS INTEGER) END)
                WHEN bool_and(regexp_full_match(v, {IndexPattern})) OVER (PARTITION BY e) THEN CAST(v AS INTEGER)
                ELSE CAST(dense_rank() OVER (PARTITION BY e ORDER BY v) - 1 AS INTEGER) END AS idx
            FROM (SELECT DISTINCT {experiment} AS e, {Text("x", column)} AS v FROM {file.Table} x WHERE {Text("x", column)} IS NOT NULL)
            """);
        string named = import.VariationKeys.Count == 0
            ? "is not a variation index (0 is the control). To use keys, name the variations in index order (--variations control,treatment)."
            : $"is neither one of the variations ({string.Join(", ", import.VariationKeys)}) nor an index.";
        FirstBad(file, column, $"{Text("x", column)} IN (SELECT v FROM {table} WHERE e = {experiment} AND idx IS NULL)", v => $"'{v}' {named}");
    }

    private static List<(string Name, string Value)> Attributes(StagedFile exposures, string?[] used, StagedFile? units, string? unitColumn)
    {
        var attributes = new List<(string Name, string Value)>();
        foreach (string column in exposures.Columns.Where(c => !used.Contains(c)))
        {
            // A unit attribute in both files: the exposure's value, when it has one.
            string? fromUnits = units?.Columns.FirstOrDefault(c => c != unitColumn && string.Equals(c, column, StringComparison.OrdinalIgnoreCase));
            attributes.Add((column, fromUnits is null ? $"coalesce({Text("x", column)}, '')" : $"coalesce({Text("x", column)}, {Text("u", fromUnits)}, '')"));
        }

        foreach (string column in units?.Columns.Where(c => c != unitColumn && !attributes.Any(a => string.Equals(a.Name, c, StringComparison.OrdinalIgnoreCase))) ?? [])
        {
            attributes.Add((column, $"coalesce({Text("u", column)}, '')"));
        }

        return attributes;
    }

    /// <summary>Records the first row where <paramref name="bad"/> holds; true when there is none.</summary>
    private bool FirstBad(StagedFile file, string column, string bad, Func<string, string> message)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT x.rowid, {Text("x", column)} FROM {file.Table} x WHERE {bad} ORDER BY x.rowid LIMIT 1";
        using DuckDBDataReader reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return true;
        }

        string value = reader.IsDBNull(1) ? "" : reader.GetString(1);
        _problems.Add(new(file.File, file.Where(reader.GetInt64(0)), column, message(value.Length > 60 ? value[..60] + "…" : value)));
        return false;
    }

    /// <summary>A text column trimmed, with empty as null.</summary>
    private static string Text(string alias, string column) => $"nullif(trim({alias}.{SqlText.Identifier(column)}), '')";

    /// <summary>Milliseconds since the epoch from a text value, or null when it is not a timestamp in the import's format.</summary>
    private string Milliseconds(string t)
    {
        string number = $"TRY_CAST({t} AS DOUBLE)";
        // Without an offset the time is UTC: read as a TIMESTAMP, not in the session's time zone.
        string iso = $"""
            CASE WHEN regexp_matches({t}, {OffsetPattern})
                 THEN epoch_ms(TRY_CAST({t} AS TIMESTAMPTZ)) ELSE epoch_ms(TRY_CAST({t} AS TIMESTAMP)) END
            """;
        return import.TimestampFormat switch
        {
            TimestampFormat.EpochSeconds => $"CAST(round({number} * 1000) AS BIGINT)",
            TimestampFormat.EpochMilliseconds => $"CAST(round({number}) AS BIGINT)",
            TimestampFormat.Iso8601 => $"({iso})",
            _ => $"""
                (CASE WHEN {number} IS NOT NULL THEN
                    CASE WHEN abs({number}) < {SecondsBelow} THEN CAST(round({number} * 1000) AS BIGINT)
                         WHEN abs({number}) < {MillisecondsBelow} THEN CAST(round({number}) AS BIGINT) END
                 ELSE {iso} END)
                """,
        };
    }

    private int Execute(string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
