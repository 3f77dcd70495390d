using DuckDB.NET.Data;
using FailSmart.Storage.Events;

namespace FailSmart.Storage.DuckDb;

/// <summary>Idempotent, durable ingestion.</summary>
public sealed partial class DuckDbEventStore
{
    private const string ExposureColumns =
        "event_id, environment, unit_id, experiment_key, phase, variation, occurred_at_ms, received_at_ms, property_keys, property_values";

    private const string MetricEventColumns =
        "event_id, environment, unit_id, event_name, value, occurred_at_ms, received_at_ms, property_keys, property_values";

    /// <summary>
    /// The appender fills staging tables at native speed; one transaction then moves the rows into the
    /// real tables. The primary key on event_id refuses a stored id; the transaction is then rolled back
    /// and repeated with INSERT OR IGNORE, so a retried batch, or an id repeated within a batch, is
    /// written once. The call returns after the commit.
    /// </summary>
    public async Task<AppendResult> AppendAsync(EventBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        int received = batch.Exposures.Count + batch.MetricEvents.Count;
        if (received == 0)
        {
            return new AppendResult(0, 0, 0);
        }

        long receivedAt = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            Execute(connection, "DELETE FROM exposures_staging; DELETE FROM metric_events_staging;");
            StageExposures(connection, batch.Exposures, receivedAt);
            StageMetricEvents(connection, batch.MetricEvents, receivedAt);

            int written;
            try
            {
                written = await MoveStagedRowsAsync(connection, batch, "INSERT", cancellationToken);
            }
            catch (DuckDBException ex) when (ex.ErrorType == DuckDB.NET.Native.DuckDBErrorType.Constraint)
            {
                // A retry, or an id repeated in the batch: move the rows again, skipping ids already stored.
                // INSERT OR IGNORE checks every row for a conflict and is about three times slower, so it is
                // kept for this rare path.
                written = await MoveStagedRowsAsync(connection, batch, "INSERT OR IGNORE", cancellationToken);
            }

            return new AppendResult(batch.Exposures.Count, batch.MetricEvents.Count, received - written);
        }
        catch (DuckDBException ex)
        {
            throw new StorageException(StorageErrorCode.Unavailable, $"Writing events to '{_path}' failed: {ex.Message}", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<int> MoveStagedRowsAsync(DuckDBConnection connection, EventBatch batch, string insert, CancellationToken cancellationToken)
    {
        await using var transaction = (DuckDBTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int written = 0;
        if (batch.Exposures.Count > 0)
        {
            written += Execute(connection, $"{insert} INTO exposures ({ExposureColumns}) SELECT {ExposureColumns} FROM exposures_staging");
        }

        if (batch.MetricEvents.Count > 0)
        {
            written += Execute(connection, $"{insert} INTO metric_events ({MetricEventColumns}) SELECT {MetricEventColumns} FROM metric_events_staging");
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static void CreateStagingTables(DuckDBConnection connection) =>
        Execute(connection, """
            CREATE TEMP TABLE IF NOT EXISTS exposures_staging AS SELECT * FROM exposures LIMIT 0;
            CREATE TEMP TABLE IF NOT EXISTS metric_events_staging AS SELECT * FROM metric_events LIMIT 0;
            """);

    private static void StageExposures(DuckDBConnection connection, IReadOnlyList<Exposure> exposures, long receivedAt)
    {
        if (exposures.Count == 0)
        {
            return;
        }

        using DuckDBAppender appender = connection.CreateAppender("exposures_staging");
        foreach (Exposure e in exposures)
        {
            (string[] keys, string[] values) = Split(e.Properties);
            appender.CreateRow()
                .AppendValue(e.EventId)
                .AppendValue(e.Environment)
                .AppendValue(e.UnitId)
                .AppendValue(e.ExperimentKey)
                .AppendValue(e.Phase)
                .AppendValue(e.Variation)
                .AppendValue(e.OccurredAt.ToUnixTimeMilliseconds())
                .AppendValue(receivedAt)
                .AppendValue(keys)
                .AppendValue(values)
                .EndRow();
        }
    }

    private static void StageMetricEvents(DuckDBConnection connection, IReadOnlyList<MetricEvent> events, long receivedAt)
    {
        if (events.Count == 0)
        {
            return;
        }

        using DuckDBAppender appender = connection.CreateAppender("metric_events_staging");
        foreach (MetricEvent e in events)
        {
            (string[] keys, string[] values) = Split(e.Properties);
            appender.CreateRow()
                .AppendValue(e.EventId)
                .AppendValue(e.Environment)
                .AppendValue(e.UnitId)
                .AppendValue(e.EventName)
                .AppendValue(e.Value)
                .AppendValue(e.OccurredAt.ToUnixTimeMilliseconds())
                .AppendValue(receivedAt)
                .AppendValue(keys)
                .AppendValue(values)
                .EndRow();
        }
    }

    private static (string[] Keys, string[] Values) Split(IReadOnlyDictionary<string, string>? properties) =>
        properties is null or { Count: 0 } ? ([], []) : ([.. properties.Keys], [.. properties.Values]);

    private static int Execute(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
