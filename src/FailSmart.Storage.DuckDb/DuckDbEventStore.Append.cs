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

    // Read from the store at the first write, so a store opened only to analyse never pays for it.
    private (StoredEventIds Exposures, StoredEventIds MetricEvents)? _storedIds;

    // The last received_at_ms written; read from the store at the first write.
    private long? _lastReceivedAt;

    /// <summary>
    /// Batches that arrive while another is being written wait for the writer and are then written
    /// together, in one transaction (group commit): under load the commit, the costly part, is paid
    /// once for many requests. The writer drops every event whose id is already stored (a retry, an
    /// id repeated within the group, or a server-side exposure seen before) by looking it up in
    /// <see cref="StoredEventIds"/>, then appends the rest straight into the tables at the appender's
    /// native speed. Each call returns after the commit that holds its batch.
    /// </summary>
    public async Task<AppendResult> AppendAsync(EventBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        if (batch.Exposures.Count + batch.MetricEvents.Count == 0)
        {
            return new AppendResult(0, 0, 0);
        }

        var pending = new PendingAppend(batch);
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
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            (StoredEventIds exposureIds, StoredEventIds metricEventIds) = _storedIds ??= LoadStoredIds(connection);
            long receivedAt = NextReceivedAt(connection);
            var exposures = new List<(Exposure Event, long ReceivedAt, ulong IdHash)>();
            var metricEvents = new List<(MetricEvent Event, long ReceivedAt, ulong IdHash)>();
            var duplicates = new int[group.Count];
            for (int i = 0; i < group.Count; i++)
            {
                PendingAppend item = group[i];
                foreach (Exposure e in item.Batch.Exposures)
                {
                    ulong hash = StoredEventIds.HashOf(e.EventId);
                    Keep(exposureIds.Add(hash), exposures, (e, receivedAt, hash), ref duplicates[i]);
                }

                foreach (MetricEvent e in item.Batch.MetricEvents)
                {
                    ulong hash = StoredEventIds.HashOf(e.EventId);
                    Keep(metricEventIds.Add(hash), metricEvents, (e, receivedAt, hash), ref duplicates[i]);
                }
            }

            try
            {
                await AppendAsync(connection, exposures, metricEvents);
            }
            catch
            {
                // The sets already hold this group's ids. The store, not the sets, says what was
                // written, so they are read from it again before the next write.
                _storedIds = null;
                throw;
            }

            for (int i = 0; i < group.Count; i++)
            {
                EventBatch batch = group[i].Batch;
                group[i].Done.TrySetResult(new AppendResult(batch.Exposures.Count, batch.MetricEvents.Count, duplicates[i]));
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

    private static void Keep<T>(bool isNew, List<T> kept, T row, ref int duplicates)
    {
        if (isNew)
        {
            kept.Add(row);
        }
        else
        {
            duplicates++;
        }
    }

    private static async Task AppendAsync(
        DuckDBConnection connection, List<(Exposure Event, long ReceivedAt, ulong IdHash)> exposures, List<(MetricEvent Event, long ReceivedAt, ulong IdHash)> metricEvents)
    {
        if (exposures.Count + metricEvents.Count == 0)
        {
            return;
        }

        await using var transaction = (DuckDBTransaction)await connection.BeginTransactionAsync(CancellationToken.None);
        try
        {
            AppendExposures(connection, exposures);
            AppendMetricEvents(connection, metricEvents);
            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (DuckDBException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Every id already stored, read once per process (and again after a failed write).</summary>
    private static (StoredEventIds Exposures, StoredEventIds MetricEvents) LoadStoredIds(DuckDBConnection connection) =>
        (ReadIds(connection, "exposures"), ReadIds(connection, "metric_events"));

    private static StoredEventIds ReadIds(DuckDBConnection connection, string table)
    {
        using DuckDBCommand count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM {table}";
        var ids = new StoredEventIds(Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
        using (DuckDBCommand hashed = connection.CreateCommand())
        {
            hashed.CommandText = $"SELECT id_hash FROM {table} WHERE id_hash IS NOT NULL";
            using DuckDBDataReader reader = hashed.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetFieldValue<ulong>(0));
            }
        }

        using (DuckDBCommand unhashed = connection.CreateCommand())
        {
            unhashed.CommandText = $"SELECT event_id FROM {table} WHERE id_hash IS NULL";
            using DuckDBDataReader reader = unhashed.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(StoredEventIds.HashOf(reader.GetString(0)));
            }
        }

        return ids;
    }

    private static void AppendExposures(DuckDBConnection connection, List<(Exposure Event, long ReceivedAt, ulong IdHash)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using DuckDBAppender appender = connection.CreateAppender("exposures");
        foreach ((Exposure e, long receivedAt, ulong idHash) in rows)
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
                .AppendValue(idHash)
                .EndRow();
        }
    }

    private static void AppendMetricEvents(DuckDBConnection connection, List<(MetricEvent Event, long ReceivedAt, ulong IdHash)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using DuckDBAppender appender = connection.CreateAppender("metric_events");
        foreach ((MetricEvent e, long receivedAt, ulong idHash) in rows)
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
                .AppendValue(idHash)
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

    /// <summary>
    /// The received_at_ms of the next write: the clock, but always after every stamp already stored, so
    /// stamps follow commit order even if the clock steps back. Incremental refresh relies on it: every
    /// row committed after a refresh has a larger stamp than any that refresh saw. Called by the writer.
    /// </summary>
    private long NextReceivedAt(DuckDBConnection connection)
    {
        _lastReceivedAt = Math.Max(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), LastReceivedAt(connection) + 1);
        return _lastReceivedAt.Value;
    }

    /// <summary>
    /// The last stamp handed out (read from the store the first time). Never below any stored stamp,
    /// and every later write gets a larger one. Called while holding the gate.
    /// </summary>
    private long LastReceivedAt(DuckDBConnection connection) =>
        _lastReceivedAt ??= Convert.ToInt64(
            Scalar(connection, "SELECT greatest((SELECT coalesce(max(received_at_ms), 0) FROM exposures), (SELECT coalesce(max(received_at_ms), 0) FROM metric_events))"),
            System.Globalization.CultureInfo.InvariantCulture);

    private static object? Scalar(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>A batch waiting for the writer, and what became of it.</summary>
    private sealed class PendingAppend(EventBatch batch)
    {
        public EventBatch Batch => batch;

        public TaskCompletionSource<AppendResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
