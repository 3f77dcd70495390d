using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FailSmart.Storage.Config;

/// <summary>Scheduled changes: stored, listed, cancelled, and applied in the same transaction as their write.</summary>
public abstract partial class AdoConfigStore : IScheduleStore
{
    /// <summary>How the audit log names FailSmart when it marks a scheduled change failed.</summary>
    public const string SchedulerActor = "FailSmart scheduler";

    private const string ScheduleColumns =
        "id, due_at, kind, key, environment, action, enabled, document, tags, base_version, author, author_id, reason, status, created_at, " +
        "finished_at, finished_by, applied_revision, message, change_request_id";

    public async Task<ScheduledChange> CreateScheduleAsync(NewScheduledChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        long id = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO scheduled_changes (due_at, kind, key, environment, action, enabled, document, tags, base_version, author, author_id, reason, status, created_at) " +
            // The casts type nulls, which PostgreSQL would otherwise take for text.
            "VALUES (@due, @kind, @key, @environment, @action, CAST(@enabled AS INTEGER), @document, @tags, CAST(@base AS BIGINT), @author, @authorId, @reason, 'pending', @created) RETURNING id",
            cancellationToken,
            ("due", Timestamp(change.DueAt)), ("kind", KindName(change.Kind)), ("key", change.Key), ("environment", change.Environment), ("action", change.Action),
            ("enabled", change.Enabled is { } on ? (on ? 1 : 0) : null), ("document", change.Document), ("tags", ResourceTags.Encode(change.Tags)),
            ("base", change.BaseVersion), ("author", change.Author), ("authorId", change.AuthorId), ("reason", change.Reason), ("created", Now())),
            CultureInfo.InvariantCulture);
        await InsertAuditAsync(connection, transaction, change.Author, "schedule.create", KindName(change.Kind), change.Key, change.Environment,
            null, ScheduleSummary(id, change), change.Reason, revision, cancellationToken);
        ScheduledChange stored = (await ReadScheduleAsync(connection, transaction, id, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<ScheduledChange?> GetScheduleAsync(long id, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadScheduleAsync(connection, null, id, cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledChange>> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string where = "1 = 1" +
            (query.Status is null ? "" : " AND status = @status") +
            (query.Kind is null ? "" : " AND kind = @kind") +
            (query.Key is null ? "" : " AND key = @key") +
            (query.BeforeId is null ? "" : " AND id < @before");
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            $"SELECT {ScheduleColumns} FROM scheduled_changes WHERE {where} ORDER BY id DESC LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)}",
            ("status", query.Status is { } s ? ScheduleStatusName(s) : null), ("kind", query.Kind is { } k ? KindName(k) : null),
            ("key", query.Key), ("before", query.BeforeId));
        return await ReadSchedulesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledChange>> ListDueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            $"SELECT {ScheduleColumns} FROM scheduled_changes WHERE status = 'pending' AND due_at <= @now ORDER BY due_at, id LIMIT {limit.ToString(CultureInfo.InvariantCulture)}",
            ("now", Timestamp(now)));
        return await ReadSchedulesAsync(command, cancellationToken);
    }

    public async Task<ScheduledChange?> CancelScheduleAsync(long id, string actor, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        if (!await LeavePendingAsync(connection, transaction, id, ScheduleStatus.Cancelled, actor, reason, null, cancellationToken))
        {
            return null;
        }

        ScheduledChange stored = (await ReadScheduleAsync(connection, transaction, id, cancellationToken))!;
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "schedule.cancel", KindName(stored.Change.Kind), stored.Change.Key, stored.Change.Environment,
            ScheduleSummary(id, stored.Change), null, reason, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<WriteOutcome?> ApplyScheduleAsync(long id, ResourceWrite write, string action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(action);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);

        // The compare-and-set comes first and everything below is in the same transaction: a second runner
        // waits on the row (PostgreSQL) or the write lock (SQLite) and then finds it no longer pending, and a
        // crash before the commit leaves both the change and the resource as they were.
        if (!await LeavePendingAsync(connection, transaction, id, ScheduleStatus.Applied, write.Actor, null, null, cancellationToken))
        {
            return null;
        }

        StoredResource? current = await ReadResourceAsync(connection, transaction, write.Kind, write.Key, lockRow: true, cancellationToken);
        string now = Now();
        StoredResource stored;
        if (action == "create")
        {
            if (current is not null)
            {
                return new WriteOutcome(WriteStatus.AlreadyExists, current, 0);
            }

            await using DbCommand insert = Command(connection, transaction,
                "INSERT INTO resources (kind, key, version, document, tags, archived, updated_at) VALUES (@kind, @key, 1, @document, @tags, 0, @now)",
                ("kind", KindName(write.Kind)), ("key", write.Key), ("document", write.Document), ("tags", ResourceTags.Encode(write.Tags)), ("now", now));
            await insert.ExecuteNonQueryAsync(cancellationToken);
            stored = new StoredResource(write.Kind, write.Key, 1, write.Document, [.. write.Tags], false, ParseTimestamp(now));
        }
        else
        {
            if (current is null)
            {
                return new WriteOutcome(WriteStatus.NotFound, null, 0);
            }

            if (current.Archived)
            {
                return new WriteOutcome(WriteStatus.Archived, current, 0);
            }

            if (write.ExpectedVersion is long expected && expected != current.Version)
            {
                return new WriteOutcome(WriteStatus.VersionConflict, current, 0);
            }

            await using DbCommand update = Command(connection, transaction,
                "UPDATE resources SET version = version + 1, document = @document, tags = @tags, updated_at = @now WHERE kind = @kind AND key = @key",
                ("document", write.Document), ("tags", ResourceTags.Encode(write.Tags)), ("now", now), ("kind", KindName(write.Kind)), ("key", write.Key));
            await update.ExecuteNonQueryAsync(cancellationToken);
            stored = new StoredResource(write.Kind, write.Key, current.Version + 1, write.Document, [.. write.Tags], false, ParseTimestamp(now));
        }

        long? revision = await AdvanceRevisionAsync(connection, transaction, write.ValidatedAtRevision, cancellationToken);
        if (revision is null)
        {
            return new WriteOutcome(WriteStatus.ConfigurationChanged, null, 0);
        }

        await using (DbCommand applied = Command(connection, transaction,
            "UPDATE scheduled_changes SET applied_revision = @revision WHERE id = @id", ("revision", revision.Value), ("id", id)))
        {
            await applied.ExecuteNonQueryAsync(cancellationToken);
        }

        string kind = KindName(write.Kind);
        await InsertAuditAsync(connection, transaction, write.Actor, action, kind, write.Key, write.Environment, current?.Document, write.Document, write.Reason, revision.Value, write.Approver, cancellationToken);
        ScheduledChange schedule = (await ReadScheduleAsync(connection, transaction, id, cancellationToken))!;
        await InsertAuditAsync(connection, transaction, write.Actor, "schedule.apply", kind, write.Key, write.Environment,
            null, ScheduleSummary(id, schedule.Change), write.Reason, revision.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WriteOutcome(WriteStatus.Committed, stored, revision.Value);
    }

    public async Task<ScheduledChange?> FailScheduleAsync(long id, string message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        if (!await LeavePendingAsync(connection, transaction, id, ScheduleStatus.Failed, SchedulerActor, message, null, cancellationToken))
        {
            return null;
        }

        ScheduledChange stored = (await ReadScheduleAsync(connection, transaction, id, cancellationToken))!;
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, SchedulerActor, "schedule.fail", KindName(stored.Change.Kind), stored.Change.Key, stored.Change.Environment,
            null, ScheduleSummary(id, stored.Change), message, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<ChangeRequest?> RequestScheduleApprovalAsync(long id, NewChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        if (!await LeavePendingAsync(connection, transaction, id, ScheduleStatus.WaitingForApproval, request.Author, null, null, cancellationToken))
        {
            return null;
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        long requestId = await InsertChangeRequestAsync(connection, transaction, request, revision, cancellationToken);
        await using (DbCommand link = Command(connection, transaction,
            "UPDATE scheduled_changes SET change_request_id = @request WHERE id = @id", ("request", requestId), ("id", id)))
        {
            await link.ExecuteNonQueryAsync(cancellationToken);
        }

        ChangeRequest stored = (await ReadChangeRequestAsync(connection, transaction, requestId, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    // As CreateChangeRequestAsync writes one (audited as "request"), but inside the caller's transaction.
    private async Task<long> InsertChangeRequestAsync(
        DbConnection connection, DbTransaction transaction, NewChangeRequest request, long revision, CancellationToken cancellationToken)
    {
        long id = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO change_requests (kind, key, environment, action, base_version, document, tags, author, author_id, reason, status, created_at) " +
            "VALUES (@kind, @key, @environment, @action, CAST(@base AS BIGINT), @document, @tags, @author, @authorId, @reason, 'pending', @created) RETURNING id",
            cancellationToken,
            ("kind", KindName(request.Kind)), ("key", request.Key), ("environment", request.Environment), ("action", request.Action),
            ("base", request.BaseVersion), ("document", request.Document), ("tags", ResourceTags.Encode(request.Tags)), ("author", request.Author),
            ("authorId", request.AuthorId), ("reason", request.Reason), ("created", Now())),
            CultureInfo.InvariantCulture);
        await InsertAuditAsync(connection, transaction, request.Author, "request", KindName(request.Kind), request.Key, request.Environment,
            null, request.Document, request.Reason, revision, cancellationToken);
        return id;
    }

    private async Task<bool> LeavePendingAsync(
        DbConnection connection, DbTransaction transaction, long id, ScheduleStatus to, string actor, string? message, long? appliedRevision, CancellationToken cancellationToken)
    {
        await using DbCommand update = Command(connection, transaction,
            "UPDATE scheduled_changes SET status = @to, finished_at = @now, finished_by = @actor, message = @message, applied_revision = CAST(@applied AS BIGINT) " +
            "WHERE id = @id AND status = 'pending'",
            ("to", ScheduleStatusName(to)), ("now", Now()), ("actor", actor), ("message", message), ("applied", appliedRevision), ("id", id));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>What the audit log shows of a scheduled change: its id, due time and what it does.</summary>
    private static string ScheduleSummary(long id, NewScheduledChange change)
    {
        var summary = new JsonObject
        {
            ["schedule"] = id,
            ["dueAt"] = Timestamp(change.DueAt),
            ["action"] = change.Action,
        };
        if (change.Enabled is { } enabled)
        {
            summary["enabled"] = enabled;
        }

        if (change.BaseVersion is { } version)
        {
            summary["baseVersion"] = version;
        }

        if (change.Document is { } document)
        {
            summary["document"] = JsonNode.Parse(document);
        }

        return summary.ToJsonString();
    }

    private static async Task<ScheduledChange?> ReadScheduleAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction, $"SELECT {ScheduleColumns} FROM scheduled_changes WHERE id = @id", ("id", id));
        IReadOnlyList<ScheduledChange> found = await ReadSchedulesAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<ScheduledChange>> ReadSchedulesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var schedules = new List<ScheduledChange>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var change = new NewScheduledChange(
                ParseTimestamp(reader.GetString(1)),
                Enum.Parse<ResourceKind>(reader.GetString(2), ignoreCase: true),
                reader.GetString(3),
                OptionalString(reader, 4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture) != 0,
                OptionalString(reader, 7),
                ResourceTags.Decode(reader.GetString(8)),
                OptionalInt64(reader, 9),
                reader.GetString(10),
                reader.GetString(11),
                OptionalString(reader, 12));
            schedules.Add(new ScheduledChange(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                change,
                ParseScheduleStatus(reader.GetString(13)),
                ParseTimestamp(reader.GetString(14)),
                ParseOptionalTimestamp(reader, 15),
                OptionalString(reader, 16),
                OptionalInt64(reader, 17),
                OptionalString(reader, 18),
                OptionalInt64(reader, 19)));
        }

        return schedules;
    }

    /// <summary>The stored name of a status: lower case with dashes, stable across releases.</summary>
    private static string ScheduleStatusName(ScheduleStatus status) => status switch
    {
        ScheduleStatus.WaitingForApproval => "waiting-for-approval",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static ScheduleStatus ParseScheduleStatus(string name) =>
        name == "waiting-for-approval" ? ScheduleStatus.WaitingForApproval : Enum.Parse<ScheduleStatus>(name, ignoreCase: true);
}
