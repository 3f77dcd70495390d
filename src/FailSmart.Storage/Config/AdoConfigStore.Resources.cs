using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Config;

/// <summary>Resources: read, list, snapshot and the three writes.</summary>
public abstract partial class AdoConfigStore
{
    private const string ResourceColumns = "kind, key, version, document, tags, archived, updated_at";

    public async Task<StoredResource?> GetAsync(ResourceKind kind, string key, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadResourceAsync(connection, null, kind, key, lockRow: false, cancellationToken);
    }

    public async Task<ResourcePage> ListAsync(ResourceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string where = "kind = @kind" +
            (query.IncludeArchived ? "" : " AND archived = 0") +
            (query.Tag is null ? "" : " AND tags LIKE @tag ESCAPE '\\'") +
            (query.Text is null ? "" : " AND (LOWER(key) LIKE @text ESCAPE '\\' OR LOWER(document) LIKE @text ESCAPE '\\')");
        (string, object?)[] parameters =
        [
            ("kind", KindName(query.Kind)),
            ("tag", query.Tag is null ? null : "%|" + LikeLiteral(query.Tag) + "|%"),
            ("text", query.Text is null ? null : "%" + LikeLiteral(query.Text.ToLowerInvariant()) + "%"),
        ];

        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        int total = Convert.ToInt32(await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM resources WHERE {where}", cancellationToken, parameters), CultureInfo.InvariantCulture);
        string sql = $"SELECT {ResourceColumns} FROM resources WHERE {where} ORDER BY key LIMIT {query.Limit.ToString(CultureInfo.InvariantCulture)} OFFSET {query.Offset.ToString(CultureInfo.InvariantCulture)}";
        await using DbCommand command = Command(connection, null, sql, parameters);
        return new ResourcePage(await ReadResourcesAsync(command, cancellationToken), total);
    }

    /// <summary>Text searched for as itself: '%' and '_' are LIKE wildcards unless escaped.</summary>
    private static string LikeLiteral(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);

    public async Task<(IReadOnlyList<StoredResource> Resources, long Revision)> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        // One transaction, so the resources and the revision describe the same moment.
        await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
        long revision = await ReadRevisionAsync(connection, transaction, cancellationToken);
        await using DbCommand command = Command(connection, transaction, $"SELECT {ResourceColumns} FROM resources WHERE archived = 0 ORDER BY kind, key");
        IReadOnlyList<StoredResource> resources = await ReadResourcesAsync(command, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (resources, revision);
    }

    public async Task<WriteOutcome> CreateAsync(ResourceWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        if (await ReadResourceAsync(connection, transaction, write.Kind, write.Key, lockRow: true, cancellationToken) is not null)
        {
            return new WriteOutcome(WriteStatus.AlreadyExists, null, 0);
        }

        string now = Now();
        await using (DbCommand insert = Command(connection, transaction,
            "INSERT INTO resources (kind, key, version, document, tags, archived, updated_at) VALUES (@kind, @key, 1, @document, @tags, 0, @now)",
            ("kind", KindName(write.Kind)), ("key", write.Key), ("document", write.Document), ("tags", ResourceTags.Encode(write.Tags)), ("now", now)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = new StoredResource(write.Kind, write.Key, 1, write.Document, [.. write.Tags], false, ParseTimestamp(now));
        return await CommitWithAuditAsync(connection, transaction, write, "create", null, write.Document, stored, cancellationToken);
    }

    public Task<WriteOutcome> UpdateAsync(ResourceWrite write, string action = "update", CancellationToken cancellationToken = default) =>
        ChangeAsync(write, action, Change.Update, cancellationToken);

    public Task<WriteOutcome> ArchiveAsync(ResourceWrite write, CancellationToken cancellationToken = default) =>
        ChangeAsync(write, "archive", Change.Archive, cancellationToken);

    public Task<WriteOutcome> UnarchiveAsync(ResourceWrite write, CancellationToken cancellationToken = default) =>
        ChangeAsync(write, "unarchive", Change.Unarchive, cancellationToken);

    private enum Change
    {
        Update,
        Archive,
        Unarchive,
    }

    private async Task<WriteOutcome> ChangeAsync(ResourceWrite write, string action, Change change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        StoredResource? current = await ReadResourceAsync(connection, transaction, write.Kind, write.Key, lockRow: true, cancellationToken);
        if (current is null)
        {
            return new WriteOutcome(WriteStatus.NotFound, null, 0);
        }

        // Archiving what is archived (or restoring what is not) changes nothing: no version, no audit entry.
        // An update never brings an archived resource back; only an explicit unarchive does.
        if (change == Change.Update && current.Archived)
        {
            return new WriteOutcome(WriteStatus.Archived, current, 0);
        }

        if ((change == Change.Archive) == current.Archived && change != Change.Update)
        {
            return new WriteOutcome(WriteStatus.Unchanged, current, 0);
        }

        if (write.ExpectedVersion is long expected && expected != current.Version)
        {
            return new WriteOutcome(WriteStatus.VersionConflict, current, 0);
        }

        bool archive = change == Change.Archive;
        bool keepDocument = change != Change.Update;
        string document = keepDocument ? current.Document : write.Document;
        IReadOnlyList<string> tags = keepDocument ? current.Tags : write.Tags;
        string now = Now();
        await using (DbCommand update = Command(connection, transaction,
            "UPDATE resources SET version = version + 1, document = @document, tags = @tags, archived = @archived, updated_at = @now WHERE kind = @kind AND key = @key",
            ("document", document), ("tags", ResourceTags.Encode(tags)), ("archived", archive ? 1 : 0), ("now", now), ("kind", KindName(write.Kind)), ("key", write.Key)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        var stored = new StoredResource(write.Kind, write.Key, current.Version + 1, document, [.. tags], archive, ParseTimestamp(now));
        // The audit log shows an archived resource as absent: no "after" when archived, no "before" when restored.
        return await CommitWithAuditAsync(
            connection, transaction, write, action, change == Change.Unarchive ? null : current.Document, archive ? null : document, stored, cancellationToken);
    }

    // The transaction is left uncommitted (so it rolls back when disposed) if another change was
    // committed after the revision the writer validated at.
    private async Task<WriteOutcome> CommitWithAuditAsync(
        DbConnection connection, DbTransaction transaction, ResourceWrite write, string action, string? before, string? after, StoredResource stored, CancellationToken cancellationToken)
    {
        long? revision = await AdvanceRevisionAsync(connection, transaction, write.ValidatedAtRevision, cancellationToken);
        if (revision is null)
        {
            return new WriteOutcome(WriteStatus.ConfigurationChanged, null, 0);
        }

        await InsertAuditAsync(connection, transaction, write.Actor, action, KindName(write.Kind), write.Key, write.Environment, before, after, write.Reason, revision.Value, write.Approver, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new WriteOutcome(WriteStatus.Committed, stored, revision.Value);
    }

    private async Task<StoredResource?> ReadResourceAsync(
        DbConnection connection, DbTransaction? transaction, ResourceKind kind, string key, bool lockRow, CancellationToken cancellationToken)
    {
        string sql = $"SELECT {ResourceColumns} FROM resources WHERE kind = @kind AND key = @key" + (lockRow ? _dialect.LockRowSuffix : "");
        await using DbCommand command = Command(connection, transaction, sql, ("kind", KindName(kind)), ("key", key));
        IReadOnlyList<StoredResource> found = await ReadResourcesAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<StoredResource>> ReadResourcesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var resources = new List<StoredResource>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            resources.Add(new StoredResource(
                Enum.Parse<ResourceKind>(reader.GetString(0), ignoreCase: true),
                reader.GetString(1),
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                reader.GetString(3),
                ResourceTags.Decode(reader.GetString(4)),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture) != 0,
                ParseTimestamp(reader.GetString(6))));
        }

        return resources;
    }

    /// <summary>The stored name of a kind: lower case, stable across releases.</summary>
    public static string KindName(ResourceKind kind) => kind.ToString().ToLowerInvariant();
}
