using DuckDB.NET.Data;
using FailSmart.Storage.Events;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// Loads a warehouse export (CSV or Parquet) straight into the store with DuckDB's own readers, so an
/// analysis can run on files without a server. Exposure files have the columns unit_id, experiment,
/// phase, variation (the index) and timestamp; event files have unit_id, event, value and timestamp.
/// Any other exposure column becomes a unit property, for breakdowns.
/// </summary>
public sealed partial class DuckDbEventStore
{
    private static readonly string[] s_exposureFileColumns = ["unit_id", "experiment", "phase", "variation", "timestamp"];

    /// <summary>Imports both files under <paramref name="environment"/> and says how many rows each gave.</summary>
    /// <exception cref="StorageException">A file is missing, unreadable or lacks a required column.</exception>
    public async Task<AppendResult> ImportFilesAsync(string exposuresPath, string eventsPath, string environment, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(exposuresPath);
        ArgumentException.ThrowIfNullOrEmpty(eventsPath);
        ArgumentException.ThrowIfNullOrEmpty(environment);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            long now = NextReceivedAt(connection);
            string env = Quote(environment);
            string exposures = Reader(exposuresPath);
            string[] extra = [.. Columns(connection, exposures).Where(c => !s_exposureFileColumns.Contains(c, StringComparer.OrdinalIgnoreCase))];
            string keys = "[" + string.Join(", ", extra.Select(Quote)) + "]::VARCHAR[]";
            string values = "[" + string.Join(", ", extra.Select(c => $"COALESCE(CAST(\"{c.Replace("\"", "\"\"", StringComparison.Ordinal)}\" AS VARCHAR), '')")) + "]::VARCHAR[]";
            // Ids name the import and the row, so importing another export adds to the store and never
            // collides with an earlier import or with an SDK's id.
            string prefix = Quote($"file-{now.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}-");
            int exposureRows = Execute(connection, $"""
                INSERT INTO exposures ({ExposureColumns})
                SELECT {prefix} || 'exposure-' || CAST(row_number() OVER () AS VARCHAR), {env}, CAST(unit_id AS VARCHAR), CAST(experiment AS VARCHAR),
                       CAST(phase AS INTEGER), CAST(variation AS INTEGER), epoch_ms(CAST("timestamp" AS TIMESTAMPTZ)), {now}, {keys}, {values}
                FROM {exposures}
                """);
            int eventRows = Execute(connection, $"""
                INSERT INTO metric_events ({MetricEventColumns})
                SELECT {prefix} || 'event-' || CAST(row_number() OVER () AS VARCHAR), {env}, CAST(unit_id AS VARCHAR), CAST("event" AS VARCHAR),
                       CAST("value" AS DOUBLE), epoch_ms(CAST("timestamp" AS TIMESTAMPTZ)), {now}, []::VARCHAR[], []::VARCHAR[]
                FROM {Reader(eventsPath)}
                """);
            _storedIds = null; // read again, with the imported ids, before the next append
            return new AppendResult(exposureRows, eventRows, null);
        }
        catch (DuckDBException ex)
        {
            throw new StorageException(StorageErrorCode.QueryFailed, $"The files could not be imported: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Reader(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? $"read_parquet({Quote(path)})" : $"read_csv_auto({Quote(path)})";

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static List<string> Columns(DuckDBConnection connection, string source)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"DESCRIBE SELECT * FROM {source}";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
