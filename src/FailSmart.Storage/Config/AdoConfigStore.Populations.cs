using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Config;

/// <summary>Target populations: one row per key, the table a JSON document.</summary>
public abstract partial class AdoConfigStore : IPopulationStore
{
    private const string PopulationColumns = "key, document, version, updated_by, updated_at";

    public async Task<PopulationRecord?> GetPopulationAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadPopulationAsync(connection, null, key, false, cancellationToken);
    }

    public async Task<IReadOnlyList<PopulationRecord>> ListPopulationsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {PopulationColumns} FROM populations ORDER BY key");
        return await ReadPopulationsAsync(command, cancellationToken);
    }

    public async Task<PopulationWrite> PutPopulationAsync(string key, string document, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        PopulationRecord? before = await ReadPopulationAsync(connection, transaction, key, true, cancellationToken);
        if (before is not null && before.Document == document)
        {
            return new PopulationWrite(before, false, false);
        }

        (string, object?)[] values = [("key", key), ("document", document), ("actor", actor), ("now", Now())];
        await using (DbCommand write = before is null
            ? Command(connection, transaction,
                "INSERT INTO populations (key, document, version, updated_by, updated_at) VALUES (@key, @document, 1, @actor, @now)", values)
            : Command(connection, transaction,
                "UPDATE populations SET document = @document, version = version + 1, updated_by = @actor, updated_at = @now WHERE key = @key", values))
        {
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        PopulationRecord after = (await ReadPopulationAsync(connection, transaction, key, false, cancellationToken))!;
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "population.put", "population", key, null, before?.Document, document, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new PopulationWrite(after, before is null, true);
    }

    public async Task<PopulationRecord?> DeletePopulationAsync(string key, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        PopulationRecord? found = await ReadPopulationAsync(connection, transaction, key, true, cancellationToken);
        if (found is null)
        {
            return null;
        }

        await using (DbCommand delete = Command(connection, transaction, "DELETE FROM populations WHERE key = @key", ("key", key)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "population.delete", "population", key, null, found.Document, null, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found;
    }

    private async Task<PopulationRecord?> ReadPopulationAsync(
        DbConnection connection, DbTransaction? transaction, string key, bool lockRow, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction,
            $"SELECT {PopulationColumns} FROM populations WHERE key = @key" + (lockRow ? _dialect.LockRowSuffix : ""), ("key", key));
        IReadOnlyList<PopulationRecord> found = await ReadPopulationsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<PopulationRecord>> ReadPopulationsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var populations = new List<PopulationRecord>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            populations.Add(new PopulationRecord(
                reader.GetString(0),
                reader.GetString(1),
                Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture),
                reader.GetString(3),
                ParseTimestamp(reader.GetString(4))));
        }

        return populations;
    }
}
