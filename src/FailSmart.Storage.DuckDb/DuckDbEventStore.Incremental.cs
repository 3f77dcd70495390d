using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DuckDB.NET.Data;
using FailSmart.Storage.Events;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// Incremental refresh. For each (experiment phase, metric) the store keeps a table of per-unit rows
/// (<see cref="AnalysisSql.UnitRows"/>). A unit's row depends only on its own exposures and events up
/// to the scope's time, and rows are never deleted, so a refresh reads only the rows that arrived since
/// the last one (received after its watermark, or dated after its scope time and due now) and folds them
/// into the kept rows (<see cref="UnitTableDelta"/>), then aggregates the table. Retention's "day N has
/// ended" depends on the time alone and is applied when aggregating. Quantiles work on events, not
/// units, and are computed in full.
/// </summary>
public sealed partial class DuckDbEventStore
{
    public async Task<MetricAnalysis> RefreshMetricAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(metric);
        metric.Validate();
        if (metric.Kind == MetricKind.Quantile)
        {
            return await AnalyzeMetricAsync(scope, metric, cancellationToken);
        }

        string table = await UpdateUnitTableAsync(scope, metric, cancellationToken);
        return await _analysis.AnalyzeUnitTableAsync(scope, metric, table, cancellationToken);
    }

    /// <summary>How many units' rows the last <see cref="RefreshMetricAsync"/> changed; null when it built the table whole.</summary>
    internal long? LastRefreshRecomputedUnits { get; private set; }

    /// <summary>How many of those it recomputed from all their rows; null when it built the table whole.</summary>
    internal long? LastRefreshRebuiltUnits { get; private set; }

    /// <summary>
    /// The table for this scope and metric, named after the SQL that fills it (so a changed definition
    /// gets a table of its own), brought up to date in one transaction while no batch is written.
    /// </summary>
    private async Task<string> UpdateUnitTableAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken)
    {
        var sql = new AnalysisSql(DuckDbDialect.Instance, scope);
        string table = UnitTableName(scope, metric);
        long asOf = scope.AsOf.ToUnixTimeMilliseconds();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            await using var transaction = (DuckDBTransaction)await connection.BeginTransactionAsync(cancellationToken);
            long watermark = LastReceivedAt(connection);
            KeptUnitTable? kept = KeptState(connection, table);
            long? pendingFrom;
            if (kept is not null && kept.AsOf <= asOf)
            {
                var delta = new UnitTableDelta(sql, metric, table, kept, asOf);
                Execute(connection, delta.DeltaExposures);
                Execute(connection, delta.DeltaEvents);
                Execute(connection, delta.TouchedRows);
                Execute(connection, UnitTableDelta.RebuiltUnits);
                Execute(connection, delta.ChangedRows());
                long rebuilt = Count(connection, "rebuilt_units");
                if (rebuilt > 0)
                {
                    Execute(connection, delta.RebuiltRows);
                }

                Execute(connection, delta.ReplaceRows);
                LastRefreshRecomputedUnits = Count(connection, "changed_rows");
                LastRefreshRebuiltUnits = rebuilt;
                pendingFrom = NullableInt64(Scalar(connection, delta.PendingFrom));
                Execute(connection, "DROP TABLE delta_exposures; DROP TABLE delta_events; DROP TABLE touched_rows; DROP TABLE rebuilt_units; DROP TABLE changed_rows");
            }
            else
            {
                // First refresh, or the scope's time went back: rows kept for a later time may hold events
                // this one must not see, so the table is built again.
                Execute(connection, $"CREATE OR REPLACE TABLE {table} AS {sql.UnitRows(metric, null)}");
                LastRefreshRecomputedUnits = null;
                LastRefreshRebuiltUnits = null;
                pendingFrom = NullableInt64(Scalar(connection, UnitTableDelta.PendingSince(sql, metric, null, asOf)));
            }

            long now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            Execute(connection, $"""
                INSERT OR REPLACE INTO unit_metric_state (table_name, as_of_ms, watermark_ms, refreshed_at_ms, pending_from_ms)
                VALUES ('{table}', {Num(asOf)}, {Num(watermark)}, {Num(now)}, {(pendingFrom is long p ? Num(p) : "NULL")})
                """);
            DropUnusedUnitTables(connection, now - UnusedUnitTableLifetimeMs);
            await transaction.CommitAsync(cancellationToken);
            return table;
        }
        catch (DuckDBException ex)
        {
            throw new StorageException(StorageErrorCode.QueryFailed, $"Refreshing the per-unit rows of metric '{metric.Key}' in '{_path}' failed: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Tables of a changed metric definition or of an experiment no longer analysed go once no refresh
    /// has used them for this long; asking for such results again builds the table anew.
    /// </summary>
    private const long UnusedUnitTableLifetimeMs = 7 * 86_400_000L;

    private static void DropUnusedUnitTables(DuckDBConnection connection, long unusedSinceMs)
    {
        var unused = new List<string>();
        using (DuckDBCommand command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT table_name FROM unit_metric_state WHERE refreshed_at_ms < {unusedSinceMs.ToString(CultureInfo.InvariantCulture)}";
            using DuckDBDataReader reader = command.ExecuteReader();
            while (reader.Read())
            {
                unused.Add(reader.GetString(0));
            }
        }

        foreach (string table in unused)
        {
            Execute(connection, $"DROP TABLE IF EXISTS {table}; DELETE FROM unit_metric_state WHERE table_name = '{table}'");
        }
    }

    private static KeptUnitTable? KeptState(DuckDBConnection connection, string table)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT as_of_ms, watermark_ms, pending_from_ms FROM unit_metric_state WHERE table_name = '{table}'";
        using DuckDBDataReader reader = command.ExecuteReader();
        return reader.Read() ? new KeptUnitTable(reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)) : null;
    }

    private static long Count(DuckDBConnection connection, string table) =>
        Convert.ToInt64(Scalar(connection, $"SELECT count(*) FROM {table}"), CultureInfo.InvariantCulture);

    private static long? NullableInt64(object? value) =>
        value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    // The scope's time is left out of the name: the same table serves every later refresh.
    private static string UnitTableName(ExperimentScope scope, MetricDefinition metric)
    {
        string definition = new AnalysisSql(DuckDbDialect.Instance, scope with { AsOf = DateTimeOffset.UnixEpoch }).UnitRows(metric, null);
        return "unit_metric_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(definition)))[..24];
    }
}
