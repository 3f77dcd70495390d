using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace FailSmart.Storage.Config;

/// <summary>Environments and their approval policy.</summary>
public abstract partial class AdoConfigStore
{
    public async Task<IReadOnlyList<EnvironmentRecord>> ListEnvironmentsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, "SELECT key, name, position, requires_approval FROM environments ORDER BY position");
        var environments = new List<EnvironmentRecord>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            environments.Add(new EnvironmentRecord(
                reader.GetString(0), reader.GetString(1),
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture) != 0));
        }

        return environments;
    }

    public async Task<bool> CreateEnvironmentAsync(string key, string name, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(name);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);

        // The revision row lock serialises writers, so two creations cannot take the same position.
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        if (Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM environments WHERE key = @key", cancellationToken, ("key", key)), CultureInfo.InvariantCulture) > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        int position = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(position), 0) + 1 FROM environments", cancellationToken), CultureInfo.InvariantCulture);
        await using (DbCommand insert = Command(connection, transaction,
            "INSERT INTO environments (key, name, position, created_at, requires_approval) VALUES (@key, @name, @position, @created, 0)",
            ("key", key), ("name", name), ("position", position), ("created", Now())))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        string after = JsonSerializer.Serialize(new Dictionary<string, object> { ["key"] = key, ["name"] = name, ["requiresApproval"] = false });
        await InsertAuditAsync(connection, transaction, actor, "environment.create", "environment", key, key, null, after, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> SetEnvironmentApprovalAsync(string key, bool requiresApproval, string actor, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        object? current = await ScalarAsync(connection, transaction,
            "SELECT requires_approval FROM environments WHERE key = @key" + _dialect.LockRowSuffix, cancellationToken, ("key", key));
        if (current is null or DBNull)
        {
            return false;
        }

        bool was = Convert.ToInt32(current, CultureInfo.InvariantCulture) != 0;
        if (was == requiresApproval)
        {
            return true;
        }

        await using (DbCommand update = Command(connection, transaction,
            "UPDATE environments SET requires_approval = @value WHERE key = @key", ("value", requiresApproval ? 1 : 0), ("key", key)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "environment.approval", "environment", key, key,
            ApprovalJson(was), ApprovalJson(requiresApproval), null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string ApprovalJson(bool requiresApproval) =>
        JsonSerializer.Serialize(new Dictionary<string, bool> { ["requiresApproval"] = requiresApproval });
}
