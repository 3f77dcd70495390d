using FailSmart.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace FailSmart.Storage.Sqlite;

/// <summary>The embedded configuration store: one SQLite file in the data folder, in WAL mode.</summary>
public sealed class SqliteConfigStore : IConfigStore
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "config.db";

    // SQLite's primary result codes for a file that is not (or no longer) a database.
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private int _schemaVersion;

    public SqliteConfigStore(DataFolder folder, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _path = folder.PathOf(FileName);
        _timeProvider = timeProvider;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
    }

    public string Role => "config";

    public string Provider => "sqlite";

    public async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using SqliteConnection connection = await OpenAsync(cancellationToken);
            await using (SqliteCommand pragma = connection.CreateCommand())
            {
                // WAL keeps readers and the writer apart; synchronous=FULL makes every commit durable.
                pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            _schemaVersion = await MigrationRunner.ApplyAsync(connection, SqliteConfigMigrations.All, "configuration", _timeProvider, cancellationToken);
            return _schemaVersion;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            throw new StorageException(
                StorageErrorCode.CorruptDatabase,
                $"The configuration database '{_path}' is not a readable SQLite database ({ex.Message}). " +
                "Restore it from a backup, or move it away to start with an empty configuration.",
                ex);
        }
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using SqliteConnection connection = await OpenAsync(cancellationToken);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return new StoreHealth(true, _schemaVersion, _path);
        }
        catch (SqliteException ex)
        {
            return new StoreHealth(false, _schemaVersion, ex.Message);
        }
    }

    public async Task<IReadOnlyList<string>> ListEnvironmentKeysAsync(CancellationToken cancellationToken = default)
    {
        await using SqliteConnection connection = await OpenAsync(cancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM environments ORDER BY position";
        var keys = new List<string>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
