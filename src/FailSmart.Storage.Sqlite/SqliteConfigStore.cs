using System.Data.Common;
using FailSmart.Storage.Config;
using FailSmart.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace FailSmart.Storage.Sqlite;

/// <summary>The embedded configuration store: one SQLite file in the data folder, in WAL mode.</summary>
public sealed class SqliteConfigStore : AdoConfigStore
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "config.db";

    // SQLite's primary result codes for a file that is not (or no longer) a database.
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly string _path;
    private readonly SqliteDialect _dialect;

    public SqliteConfigStore(DataFolder folder, TimeProvider timeProvider)
        : this(Dialect(folder, out string path), path, timeProvider)
    {
    }

    private SqliteConfigStore(SqliteDialect dialect, string path, TimeProvider timeProvider)
        : base(dialect, timeProvider)
    {
        _dialect = dialect;
        _path = path;
    }

    public override string Provider => "sqlite";

    protected override IReadOnlyList<Migration> Migrations => SqliteConfigMigrations.All;

    protected override string Location => _path;

    public override async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using (DbConnection connection = await _dialect.OpenAsync(cancellationToken))
            {
                // WAL keeps readers and the writer apart; the default synchronous=FULL makes every commit durable.
                await ScalarAsync(connection, null, "PRAGMA journal_mode=WAL", cancellationToken);
            }

            return await base.InitializeAsync(cancellationToken);
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

    private static SqliteDialect Dialect(DataFolder folder, out string path)
    {
        ArgumentNullException.ThrowIfNull(folder);
        path = folder.PathOf(FileName);
        string connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
        return new SqliteDialect(connectionString);
    }
}
