using FailSmart.Storage.PostgreSql;
using FailSmart.Testing;
using Npgsql;

namespace FailSmart.Storage.Tests;

/// <summary>
/// Several processes setting up one new PostgreSQL database at once, as replicas started together do: the
/// migration lock makes them take turns, and what PostgreSQL refuses is said in words.
/// </summary>
public sealed class PostgreSqlConcurrentStartTests : IAsyncLifetime
{
    private const int Rounds = 5;
    private const int Stores = 4;

    private readonly List<string> _databases = [];
    private string _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = TestServices.PostgreSql();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        foreach (string database in _databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task InitializeAsync_by_four_stores_at_once_on_an_empty_database_applies_each_migration_once()
    {
        for (int round = 1; round <= Rounds; round++)
        {
            string connection = await NewDatabaseAsync();
            var stores = Enumerable.Range(0, Stores).Select(_ => new PostgreSqlConfigStore(connection, TimeProvider.System)).ToList();
            try
            {
                int[] versions = await Task.WhenAll(stores.Select(s => s.InitializeAsync(Ct)));

                versions.ShouldAllBe(v => v == PostgreSqlConfigMigrations.All.Count, $"round {round}");
                (await ColumnAsync<int>(connection, "SELECT version FROM failsmart_schema_history ORDER BY version"))
                    .ShouldBe([.. PostgreSqlConfigMigrations.All.Select(m => m.Version)], $"round {round}");
                (await ColumnAsync<string>(connection, "SELECT key FROM environments ORDER BY position"))
                    .ShouldBe(["development", "staging", "production"], $"round {round}");
            }
            finally
            {
                foreach (PostgreSqlConfigStore store in stores)
                {
                    await store.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task InitializeAsync_waits_while_another_process_holds_the_migration_lock_then_sets_up_the_schema()
    {
        string connection = await NewDatabaseAsync();
        await using var other = new NpgsqlConnection(connection);
        await other.OpenAsync(Ct);
        await ExecuteAsync(other, $"SELECT pg_advisory_lock({PostgreSqlMigrationLock.Key})");
        await using var store = new PostgreSqlConfigStore(connection, TimeProvider.System);

        Task<int> initializing = store.InitializeAsync(Ct);
        await WaitUntilAsync(async () => await ScalarAsync<long>(connection,
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
            "WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted") == 1);
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_tables WHERE tablename = 'failsmart_schema_history'"))
            .ShouldBe(0, "nothing is created while another process holds the lock");
        initializing.IsCompleted.ShouldBeFalse();
        await ExecuteAsync(other, $"SELECT pg_advisory_unlock({PostgreSqlMigrationLock.Key})");

        (await initializing).ShouldBe(PostgreSqlConfigMigrations.All.Count);
    }

    [Fact]
    public async Task InitializeAsync_on_a_missing_database_says_to_create_it()
    {
        string missing = "failsmart_missing_" + Guid.NewGuid().ToString("N");
        await using var store = new PostgreSqlConfigStore(new NpgsqlConnectionStringBuilder(_server) { Database = missing }.ConnectionString, TimeProvider.System);

        var ex = await Should.ThrowAsync<StorageException>(() => store.InitializeAsync(Ct));

        ex.Code.ShouldBe(StorageErrorCode.Misconfigured);
        ex.Message.ShouldStartWith($"The database '{missing}' does not exist on PostgreSQL at 127.0.0.1:");
        ex.Message.ShouldContain($"Create it (CREATE DATABASE {missing};), or name an existing database with Database= in Storage:Config:ConnectionString.");
    }

    [Fact]
    public void Refused_wrong_password_says_to_check_the_credentials_without_the_password()
    {
        var refused = new PostgresException("password authentication failed for user \"failsmart\"", "FATAL", "FATAL", PostgresErrorCodes.InvalidPassword);

        StorageException ex = PostgreSqlStartupErrors.Refused(refused, "db.example:5432", "failsmart", "failsmart");

        ex.Code.ShouldBe(StorageErrorCode.Misconfigured);
        ex.Message.ShouldBe(
            "PostgreSQL at db.example:5432 refused user 'failsmart' (28P01: password authentication failed for user \"failsmart\"). " +
            "Check Username and Password in Storage:Config:ConnectionString, and that pg_hba.conf lets this host in.");
    }

    [Fact]
    public void Constructor_with_a_connection_string_that_does_not_parse_says_how_to_write_one()
    {
        var ex = Should.Throw<StorageException>(() => new PostgreSqlConfigStore("Hots=db.example;Password=secret-value", TimeProvider.System));

        ex.Code.ShouldBe(StorageErrorCode.Misconfigured);
        ex.Message.ShouldStartWith("Storage:Config:ConnectionString is not a PostgreSQL connection string (");
        ex.Message.ShouldNotContain("secret-value");
    }

    private async Task<string> NewDatabaseAsync()
    {
        string database = "failsmart_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync(Ct);
            await ExecuteAsync(connection, $"CREATE DATABASE {database}");
        }

        _databases.Add(database);
        return new NpgsqlConnectionStringBuilder(_server) { Database = database }.ConnectionString;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task<List<T>> ColumnAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 300; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("The store never waited for the migration lock.");
    }
}
