using FailSmart.Testing;
using Npgsql;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// A new, empty PostgreSQL database and a ClickHouse database name on the suite's servers, for one set of
/// replicas; both are dropped afterwards.
/// </summary>
internal sealed class ReplicaStores : IAsyncDisposable
{
    private static readonly HttpClient s_clickHouse = new();

    private readonly string _server;
    private readonly Uri _clickHouse;

    private ReplicaStores(string server, Uri clickHouse, string name)
    {
        _server = server;
        _clickHouse = clickHouse;
        Database = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The PostgreSQL database's and the ClickHouse database's name.</summary>
    public string Database { get; }

    public string ConnectionString { get; }

    /// <summary>The settings of a replica on these stores.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings =>
    [
        new("Storage:Config:Provider", "postgresql"),
        new("Storage:Config:ConnectionString", ConnectionString),
        new("Storage:Events:Provider", "clickhouse"),
        new("Storage:Events:ClickHouse:Url", _clickHouse.ToString()),
        new("Storage:Events:ClickHouse:Database", Database),
    ];

    /// <summary>The same settings as server arguments.</summary>
    public IEnumerable<string> Arguments => Settings.SelectMany(s => new[] { "--" + s.Key, s.Value });

    public static async Task<ReplicaStores> CreateAsync(CancellationToken cancellationToken)
    {
        var stores = new ReplicaStores(TestServices.PostgreSql(), TestServices.ClickHouse(), "failsmart_replicas_" + Guid.NewGuid().ToString("N"));
        await using var connection = new NpgsqlConnection(stores._server);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {stores.Database}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return stores;
    }

    /// <summary>One value from the PostgreSQL database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>Every row of a one-column query, in order.</summary>
    public async Task<List<T>> ColumnAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var values = new List<T>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    /// <summary>A ClickHouse query's TabSeparated answer, trimmed.</summary>
    public async Task<string> ClickHouseAsync(string sql)
    {
        using var content = new StringContent(sql + "\nFORMAT TabSeparated");
        using HttpResponseMessage response = await s_clickHouse.PostAsync(new Uri(_clickHouse, $"/?database={Database}"), content, TestContext.Current.CancellationToken);
        string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return body.Trim();
    }

    public async ValueTask DisposeAsync()
    {
        // Replicas in this process may still hold pooled connections to the database.
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        using var content = new StringContent($"DROP DATABASE IF EXISTS {Database}");
        using HttpResponseMessage dropped = await s_clickHouse.PostAsync(_clickHouse, content);
    }
}
