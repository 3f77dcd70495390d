using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Migrations;

/// <summary>
/// Applies versioned, forward-only migrations over any ADO.NET connection. A database written by a
/// newer FailSmart is refused rather than guessed at.
/// </summary>
public static class MigrationRunner
{
    private const string HistoryTable = "failsmart_schema_history";

    /// <summary>Applies every migration newer than the database and returns the resulting version.</summary>
    public static async Task<int> ApplyAsync(
        DbConnection connection,
        IReadOnlyList<Migration> migrations,
        string storeName,
        TimeProvider timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(timeProvider);
        EnsureSequential(migrations, storeName);

        await ExecuteAsync(connection, null,
            $"CREATE TABLE IF NOT EXISTS {HistoryTable} (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at VARCHAR NOT NULL)",
            cancellationToken);

        int current = await CurrentVersionAsync(connection, cancellationToken);
        int latest = migrations.Count == 0 ? 0 : migrations[^1].Version;
        if (current > latest)
        {
            throw new StorageException(
                StorageErrorCode.SchemaTooNew,
                $"The {storeName} database is at schema version {current}, but this FailSmart knows versions up to {latest}. " +
                "Upgrade FailSmart, or point it at another data folder.");
        }

        foreach (Migration migration in migrations.Where(m => m.Version > current))
        {
            await using DbTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (string statement in SplitStatements(migration.Sql))
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken);
            }

            await using (DbCommand record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                // Literals, not parameters: the engines disagree on parameter syntax, and every value here is ours.
                string appliedAt = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
                record.CommandText = $"INSERT INTO {HistoryTable} (version, name, applied_at) VALUES " +
                    $"({migration.Version.ToString(CultureInfo.InvariantCulture)}, {Literal(migration.Name)}, {Literal(appliedAt)})";
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            current = migration.Version;
        }

        return current;
    }

    /// <summary>The highest applied version, or 0 for a new database.</summary>
    public static async Task<int> CurrentVersionAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT COALESCE(MAX(version), 0) FROM {HistoryTable}";
        object? value = await command.ExecuteScalarAsync(cancellationToken);
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static void EnsureSequential(IReadOnlyList<Migration> migrations, string storeName)
    {
        for (int i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"{storeName} migrations must be numbered 1, 2, 3, … without gaps; position {i} has version {migrations[i].Version}.");
            }
        }
    }

    private static IEnumerable<string> SplitStatements(string sql) =>
        sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
           .Select(s => s.TrimEnd(';'))
           .Where(s => s.Length > 0);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
