using System.Collections.Concurrent;
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

    // A group commits at most this many events, so one writer's turn stays short.
    private const int MaxGroupEvents = 50_000;

    private readonly ConcurrentQueue<PendingAppend> _pending = new();

    /// <summary>
    /// Batches that arrive while another is being written wait for the writer and are then written
    /// together, in one transaction (group commit): under load the commit, the costly part, is paid
    /// once for many requests. The fast path appends straight into the real tables: the appender runs at
    /// native speed, and the primary key on event_id refuses an id already stored. That happens only
    /// for a retry (or an id repeated within a batch); the transaction is then rolled back and each
    /// batch of the group goes through staging tables, where INSERT OR IGNORE moves across only the ids
    /// not yet stored, so every event is written once. Each call returns after the commit that holds
    /// its batch.
    /// </summary>
    public async Task<AppendResult> AppendAsync(EventBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        if (batch.Exposures.Count + batch.MetricEvents.Count == 0)
        {
            return new AppendResult(0, 0, 0);
        }

        var pending = new PendingAppend(batch, _timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        _pending.Enqueue(pending);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever holds the gate writes everything queued, its own batch included. The write is not
            // cancelled part-way: the group holds other callers' batches too.
            while (!pending.Done.Task.IsCompleted)
            {
                await WriteGroupAsync(TakeGroup());
            }
        }
        finally
        {
            _gate.Release();
        }

        return await pending.Done.Task;
    }

    private List<PendingAppend> TakeGroup()
    {
        var group = new List<PendingAppend>();
        int events = 0;
        while (events < MaxGroupEvents && _pending.TryDequeue(out PendingAppend? next))
        {
            group.Add(next);
            events += next.Batch.Exposures.Count + next.Batch.MetricEvents.Count;
        }

        return group;
    }

    private async Task WriteGroupAsync(List<PendingAppend> group)
    {
        CancellationToken cancellationToken = CancellationToken.None;
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            try
            {
                await AppendDirectAsync(connection, group, cancellationToken);
                foreach (PendingAppend item in group)
                {
                    item.Done.TrySetResult(new AppendResult(item.Batch.Exposures.Count, item.Batch.MetricEvents.Count, 0));
                }
            }
            catch (DuckDBException ex) when (ex.ErrorType == DuckDB.NET.Native.DuckDBErrorType.Constraint)
            {
                // A retry, or an id repeated in a batch. INSERT OR IGNORE checks every row for a
                // conflict and is several times slower, so it is kept for this rare path.
                foreach (PendingAppend item in group)
                {
                    int written = await AppendSkippingStoredAsync(connection, item, cancellationToken);
                    int received = item.Batch.Exposures.Count + item.Batch.MetricEvents.Count;
                    item.Done.TrySetResult(new AppendResult(item.Batch.Exposures.Count, item.Batch.MetricEvents.Count, received - written));
                }
            }
        }
#pragma warning disable CA1031 // Every batch taken from the queue must complete, or its caller would wait forever.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Exception failure = ex is DuckDBException
                ? new StorageException(StorageErrorCode.Unavailable, $"Writing events to '{_path}' failed: {ex.Message}", ex)
                : ex;
            foreach (PendingAppend item in group)
            {
                item.Done.TrySetException(failure);
            }
        }
    }

    private static async Task AppendDirectAsync(DuckDBConnection connection, List<PendingAppend> group, CancellationToken cancellationToken)
    {
        await using var transaction = (DuckDBTransaction)await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            AppendExposures(connection, "exposures", group);
            AppendMetricEvents(connection, "metric_events", group);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DuckDBException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    private static async Task<int> AppendSkippingStoredAsync(DuckDBConnection connection, PendingAppend item, CancellationToken cancellationToken)
    {
        EventBatch batch = item.Batch;
        Execute(connection, "DELETE FROM exposures_staging; DELETE FROM metric_events_staging;");
        AppendExposures(connection, "exposures_staging", [item]);
        AppendMetricEvents(connection, "metric_events_staging", [item]);
        await using var transaction = (DuckDBTransaction)await connection.BeginTransactionAsync(cancellationToken);
        int written = 0;
        if (batch.Exposures.Count > 0)
        {
            written += Execute(connection, $"INSERT OR IGNORE INTO exposures ({ExposureColumns}) SELECT {ExposureColumns} FROM exposures_staging");
        }

        if (batch.MetricEvents.Count > 0)
        {
            written += Execute(connection, $"INSERT OR IGNORE INTO metric_events ({MetricEventColumns}) SELECT {MetricEventColumns} FROM metric_events_staging");
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    private static void CreateStagingTables(DuckDBConnection connection) =>
        Execute(connection, """
            CREATE TEMP TABLE IF NOT EXISTS exposures_staging AS SELECT * FROM exposures LIMIT 0;
            CREATE TEMP TABLE IF NOT EXISTS metric_events_staging AS SELECT * FROM metric_events LIMIT 0;
            """);

    private static void AppendExposures(DuckDBConnection connection, string table, List<PendingAppend> group)
    {
        if (!group.Exists(item => item.Batch.Exposures.Count > 0))
        {
            return;
        }

        using DuckDBAppender appender = connection.CreateAppender(table);
        foreach ((Exposure e, long receivedAt) in group.SelectMany(item => item.Batch.Exposures.Select(e => (e, item.ReceivedAt))))
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

    private static void AppendMetricEvents(DuckDBConnection connection, string table, List<PendingAppend> group)
    {
        if (!group.Exists(item => item.Batch.MetricEvents.Count > 0))
        {
            return;
        }

        using DuckDBAppender appender = connection.CreateAppender(table);
        foreach ((MetricEvent e, long receivedAt) in group.SelectMany(item => item.Batch.MetricEvents.Select(e => (e, item.ReceivedAt))))
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

    /// <summary>A batch waiting for the writer, with when it arrived and what became of it.</summary>
    private sealed class PendingAppend(EventBatch batch, long receivedAt)
    {
        public EventBatch Batch => batch;

        public long ReceivedAt => receivedAt;

        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
