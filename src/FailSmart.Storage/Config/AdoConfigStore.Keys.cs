using System.Data.Common;

namespace FailSmart.Storage.Config;

/// <summary>API keys and the audit log.</summary>
public abstract partial class AdoConfigStore
{
    private const string KeyColumns = "id, name, kind, environment, secret_hash, created_at, expires_at, revoked_at, last_used_at, bypasses_approval";

    public async Task CreateApiKeyAsync(ApiKeyRecord key, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        await using (DbCommand insert = Command(connection, transaction,
            $"INSERT INTO api_keys ({KeyColumns}) VALUES (@id, @name, @kind, @environment, @hash, @created, @expires, NULL, NULL, @bypasses)",
            ("id", key.Id), ("name", key.Name), ("kind", key.Kind.ToString().ToLowerInvariant()), ("environment", key.Environment),
            ("hash", key.SecretHash), ("created", Timestamp(key.CreatedAt)), ("expires", key.ExpiresAt is { } e ? Timestamp(e) : null),
            ("bypasses", key.BypassesApproval ? 1 : 0)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        string after = $$"""{"id":"{{key.Id}}","name":{{System.Text.Json.JsonSerializer.Serialize(key.Name)}},"kind":"{{key.Kind.ToString().ToLowerInvariant()}}","bypassesApproval":{{(key.BypassesApproval ? "true" : "false")}}}""";
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "key.create", "api-key", key.Id, key.Environment, null, after, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ApiKeyRecord?> GetApiKeyAsync(string id, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {KeyColumns} FROM api_keys WHERE id = @id", ("id", id));
        IReadOnlyList<ApiKeyRecord> keys = await ReadKeysAsync(command, cancellationToken);
        return keys.Count == 0 ? null : keys[0];
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {KeyColumns} FROM api_keys ORDER BY created_at DESC, id");
        return await ReadKeysAsync(command, cancellationToken);
    }

    public async Task<bool> RevokeApiKeyAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        int changed;
        await using (DbCommand revoke = Command(connection, transaction,
            "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", ("now", Now()), ("id", id)))
        {
            changed = await revoke.ExecuteNonQueryAsync(cancellationToken);
        }

        if (changed == 0)
        {
            return false;
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "key.revoke", "api-key", id, null, null, null, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task TouchApiKeyAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand touch = Command(connection, null, "UPDATE api_keys SET last_used_at = @at WHERE id = @id", ("at", Timestamp(at)), ("id", id));
        await touch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAuditAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string where = "1 = 1" +
            (query.Kind is null ? "" : " AND kind = @kind") +
            (query.Key is null ? "" : " AND key = @key") +
            (query.Actor is null ? "" : " AND actor = @actor") +
            (query.Since is null ? "" : " AND at >= @since") +
            (query.Until is null ? "" : " AND at < @until") +
            (query.Environment is null ? "" : " AND environment = @environment") +
            (query.ActorContains is null ? "" : " AND actor_folded LIKE @actorContains ESCAPE '\\'") +
            (query.BeforeId is null ? "" : " AND id < @before") +
            (query.AfterId is null ? "" : " AND id > @after");
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            $"SELECT id, at, actor, action, kind, key, environment, before_doc, after_doc, reason, revision, approver FROM audit_log WHERE {where} ORDER BY id {(query.AfterId is null ? "DESC" : "ASC")} LIMIT {query.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            ("kind", query.Kind), ("key", query.Key), ("actor", query.Actor), ("since", query.Since is { } s ? Timestamp(s) : null), ("before", query.BeforeId),
            ("until", query.Until is { } u ? Timestamp(u) : null), ("environment", query.Environment), ("after", query.AfterId),
            ("actorContains", query.ActorContains is null ? null : "%" + LikeLiteral(FoldCase(query.ActorContains)) + "%"));
        var entries = new List<AuditEntry>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(
                Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
                ParseTimestamp(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                OptionalString(reader, 6), OptionalString(reader, 7), OptionalString(reader, 8), OptionalString(reader, 9),
                Convert.ToInt64(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture), OptionalString(reader, 11)));
        }

        return entries;
    }

    private Task InsertAuditAsync(
        DbConnection connection, DbTransaction transaction, string actor, string action, string kind, string key,
        string? environment, string? before, string? after, string? reason, long revision, CancellationToken cancellationToken) =>
        InsertAuditAsync(connection, transaction, actor, action, kind, key, environment, before, after, reason, revision, null, cancellationToken);

    private async Task InsertAuditAsync(
        DbConnection connection, DbTransaction transaction, string actor, string action, string kind, string key,
        string? environment, string? before, string? after, string? reason, long revision, string? approver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using DbCommand insert = Command(connection, transaction,
            "INSERT INTO audit_log (at, actor, actor_folded, action, kind, key, environment, before_doc, after_doc, reason, revision, approver) " +
            "VALUES (@at, @actor, @folded, @action, @kind, @key, @environment, @before, @after, @reason, @revision, @approver)",
            ("at", Now()), ("actor", actor), ("folded", FoldCase(actor)), ("action", action), ("kind", kind), ("key", key), ("environment", environment),
            ("before", before), ("after", after), ("reason", reason), ("revision", revision), ("approver", approver));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Case folding done here rather than by the engine's LOWER, which SQLite limits to ASCII and
    /// PostgreSQL ties to the database's locale, so the person filter matches alike everywhere.
    /// </summary>
    private static string FoldCase(string text) => text.ToLowerInvariant();

    private static async Task<IReadOnlyList<ApiKeyRecord>> ReadKeysAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyRecord(
                reader.GetString(0), reader.GetString(1), Enum.Parse<ApiKeyKind>(reader.GetString(2), ignoreCase: true), OptionalString(reader, 3),
                reader.GetString(4), ParseTimestamp(reader.GetString(5)), ParseOptionalTimestamp(reader, 6), ParseOptionalTimestamp(reader, 7),
                ParseOptionalTimestamp(reader, 8), Convert.ToInt32(reader.GetValue(9), System.Globalization.CultureInfo.InvariantCulture) != 0));
        }

        return keys;
    }
}
