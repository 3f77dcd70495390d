using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Config;

/// <summary>Change requests: proposals to environments that require approval, and their decisions.</summary>
public abstract partial class AdoConfigStore
{
    private const string ChangeRequestColumns =
        "id, kind, key, environment, action, base_version, document, tags, author, author_id, reason, status, created_at, decided_by, decided_at, decision_note, applied_revision";

    public async Task<ChangeRequest> CreateChangeRequestAsync(NewChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        long id = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO change_requests (kind, key, environment, action, base_version, document, tags, author, author_id, reason, status, created_at) " +
            // The cast types a null base version, which PostgreSQL would otherwise take for text.
            "VALUES (@kind, @key, @environment, @action, CAST(@base AS BIGINT), @document, @tags, @author, @authorId, @reason, @status, @created) RETURNING id",
            cancellationToken,
            ("kind", KindName(request.Kind)), ("key", request.Key), ("environment", request.Environment), ("action", request.Action),
            ("base", request.BaseVersion), ("document", request.Document), ("tags", ResourceTags.Encode(request.Tags)), ("author", request.Author),
            ("authorId", request.AuthorId), ("reason", request.Reason), ("status", StatusName(ChangeRequestStatus.Pending)), ("created", Now())),
            CultureInfo.InvariantCulture);
        await InsertAuditAsync(connection, transaction, request.Author, "request", KindName(request.Kind), request.Key, request.Environment,
            null, request.Document, request.Reason, revision, cancellationToken);
        ChangeRequest stored = (await ReadChangeRequestAsync(connection, transaction, id, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<ChangeRequest?> GetChangeRequestAsync(long id, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadChangeRequestAsync(connection, null, id, cancellationToken);
    }

    public async Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(ChangeRequestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string where = "1 = 1" +
            (query.Status is null ? "" : " AND status = @status") +
            (query.Kind is null ? "" : " AND kind = @kind") +
            (query.Key is null ? "" : " AND key = @key") +
            (query.BeforeId is null ? "" : " AND id < @before");
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            $"SELECT {ChangeRequestColumns} FROM change_requests WHERE {where} ORDER BY id DESC LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)}",
            ("status", query.Status is { } s ? StatusName(s) : null), ("kind", query.Kind is { } k ? KindName(k) : null),
            ("key", query.Key), ("before", query.BeforeId));
        return await ReadChangeRequestsAsync(command, cancellationToken);
    }

    public async Task<ChangeRequest?> TransitionChangeRequestAsync(
        long id, ChangeRequestStatus from, ChangeRequestStatus to, string actor, string? note, long? appliedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);

        // The status condition makes this a compare-and-set: PostgreSQL re-checks it after a concurrent
        // decision commits, SQLite writers are serialised, so of two decisions exactly one changes the row.
        bool decides = from == ChangeRequestStatus.Pending && to != ChangeRequestStatus.Pending;
        string set = "status = @to" +
            (decides ? ", decided_by = @actor, decided_at = @now, decision_note = @note" : "") +
            (appliedRevision is null ? "" : ", applied_revision = @applied");
        int changed;
        await using (DbCommand update = Command(connection, transaction,
            $"UPDATE change_requests SET {set} WHERE id = @id AND status = @from",
            ("to", StatusName(to)), ("actor", actor), ("now", Now()), ("note", note), ("applied", appliedRevision), ("id", id), ("from", StatusName(from))))
        {
            changed = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        if (changed == 0)
        {
            return null;
        }

        ChangeRequest stored = (await ReadChangeRequestAsync(connection, transaction, id, cancellationToken))!;
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);

        // Approval and application are not audited here: the applied write's own entry names the approver.
        string? action = to switch
        {
            ChangeRequestStatus.Rejected => "request.reject",
            ChangeRequestStatus.Withdrawn => "request.withdraw",
            ChangeRequestStatus.Conflict => "request.conflict",
            _ => null,
        };
        if (action is not null)
        {
            await InsertAuditAsync(connection, transaction, actor, action, KindName(stored.Kind), stored.Key, stored.Environment,
                null, null, note, revision, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    private static async Task<ChangeRequest?> ReadChangeRequestAsync(
        DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction,
            $"SELECT {ChangeRequestColumns} FROM change_requests WHERE id = @id", ("id", id));
        IReadOnlyList<ChangeRequest> found = await ReadChangeRequestsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<ChangeRequest>> ReadChangeRequestsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var requests = new List<ChangeRequest>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            requests.Add(new ChangeRequest(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                Enum.Parse<ResourceKind>(reader.GetString(1), ignoreCase: true),
                reader.GetString(2),
                OptionalString(reader, 3),
                reader.GetString(4),
                OptionalInt64(reader, 5),
                OptionalString(reader, 6),
                ResourceTags.Decode(reader.GetString(7)),
                reader.GetString(8),
                reader.GetString(9),
                OptionalString(reader, 10),
                Enum.Parse<ChangeRequestStatus>(reader.GetString(11), ignoreCase: true),
                ParseTimestamp(reader.GetString(12)),
                OptionalString(reader, 13),
                ParseOptionalTimestamp(reader, 14),
                OptionalString(reader, 15),
                OptionalInt64(reader, 16)));
        }

        return requests;
    }

    private static long? OptionalInt64(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>The stored name of a status: lower case, stable across releases.</summary>
    private static string StatusName(ChangeRequestStatus status) => status.ToString().ToLowerInvariant();
}
