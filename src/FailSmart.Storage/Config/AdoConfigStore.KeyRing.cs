using System.Data.Common;

namespace FailSmart.Storage.Config;

public abstract partial class AdoConfigStore : IKeyRingStore
{
    public async Task<IReadOnlyList<string>> ListKeyRingElementsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, "SELECT xml FROM data_protection_keys ORDER BY stored_at, name");
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var elements = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    }

    public async Task<bool> AddKeyRingElementAsync(string name, string xml, bool onlyIntoEmptyRing = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        if (onlyIntoEmptyRing)
        {
            // The revision row's lock serialises this check-and-insert with another replica's, without
            // advancing the revision: the key ring is not configuration.
            await ScalarAsync(connection, transaction, "SELECT revision FROM config_revision WHERE id = 1" + _dialect.LockRowSuffix, cancellationToken);
        }

        // SQLite needs a WHERE in an INSERT … SELECT before ON CONFLICT, to tell the two apart.
        string sql = "INSERT INTO data_protection_keys (name, xml, stored_at) SELECT @name, @xml, @at WHERE " +
            (onlyIntoEmptyRing ? "NOT EXISTS (SELECT 1 FROM data_protection_keys)" : "1 = 1") +
            " ON CONFLICT (name) DO NOTHING";
        int stored;
        await using (DbCommand insert = Command(connection, transaction, sql, ("name", name), ("xml", xml), ("at", Now())))
        {
            stored = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return stored == 1;
    }
}
