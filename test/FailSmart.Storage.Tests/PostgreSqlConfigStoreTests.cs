using System.Data.Common;
using FailSmart.Storage.Migrations;
using FailSmart.Storage.PostgreSql;
using Npgsql;

namespace FailSmart.Storage.Tests;

/// <summary>
/// The shared suite against a real PostgreSQL 15, started by ./build.sh test (FAILSMART_TEST_POSTGRES).
/// Each test gets its own database.
/// </summary>
public sealed class PostgreSqlConfigStoreTests : ConfigStoreConformanceTests
{
    private readonly string? _server = Environment.GetEnvironmentVariable("FAILSMART_TEST_POSTGRES");
    private readonly string _database = "failsmart_" + Guid.NewGuid().ToString("N");
    private readonly List<PostgreSqlConfigStore> _stores = [];

    public override async ValueTask InitializeAsync()
    {
        if (_server is null)
        {
            Assert.Skip("PostgreSQL is not running: run ./build.sh test, which starts it and sets FAILSMART_TEST_POSTGRES.");
        }

        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(Ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync(Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (PostgreSqlConfigStore store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await base.DisposeAsync();
    }

    protected override IConfigStore CreateStore()
    {
        var store = new PostgreSqlConfigStore(ConnectionString, Clock);
        _stores.Add(store);
        return store;
    }

    protected override IReadOnlyList<Migration> ReleasedMigrations => PostgreSqlConfigMigrations.All;

    protected override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        return connection;
    }

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
}
