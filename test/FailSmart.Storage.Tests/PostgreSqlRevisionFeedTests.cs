using FailSmart.Storage.Config;
using FailSmart.Storage.PostgreSql;
using FailSmart.Testing;
using Npgsql;

namespace FailSmart.Storage.Tests;

/// <summary>
/// PostgreSQL announces each committed revision to every listening process (LISTEN/NOTIFY), so replicas
/// hear of each other's writes without polling; a lost connection is reported, not waited on forever.
/// </summary>
public sealed class PostgreSqlRevisionFeedTests : IAsyncLifetime
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(10);

    private readonly string _database = "failsmart_feed_" + Guid.NewGuid().ToString("N");
    private readonly List<PostgreSqlConfigStore> _stores = [];
    private string _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        _server = TestServices.PostgreSql();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(Ct);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (PostgreSqlConfigStore store in _stores)
        {
            await store.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Write_committed_by_another_store_is_announced_with_its_revision()
    {
        PostgreSqlConfigStore listener = await ReadyStoreAsync();
        PostgreSqlConfigStore writer = await ReadyStoreAsync();
        await using IRevisionSubscription subscription = await listener.SubscribeAsync(Ct);

        await writer.CreateEnvironmentAsync("qa", "QA", "tester", Ct);
        long committed = await writer.GetRevisionAsync(Ct);

        committed.ShouldBe(1);
        (await NextAsync(subscription)).ShouldBe(committed);
    }

    [Fact]
    public async Task Several_writes_before_the_listener_reads_are_announced_as_the_newest_revision()
    {
        PostgreSqlConfigStore store = await ReadyStoreAsync();
        await using IRevisionSubscription subscription = await store.SubscribeAsync(Ct);

        await store.CreateEnvironmentAsync("qa", "QA", "tester", Ct);
        await store.CreateEnvironmentAsync("uat", "UAT", "tester", Ct);
        await store.CreateApiKeyAsync(new ApiKeyRecord("k1", "key", ApiKeyKind.Server, "qa", new string('a', 64), DateTimeOffset.UtcNow, null, null, null), "tester", Ct);

        // Announcements arrive one by one; the subscription hands over the newest it has seen.
        long newest = await NextAsync(subscription);
        while (newest < 3)
        {
            newest = Math.Max(newest, await NextAsync(subscription));
        }

        newest.ShouldBe(3);
    }

    [Fact]
    public async Task Write_that_changes_nothing_is_not_announced()
    {
        PostgreSqlConfigStore store = await ReadyStoreAsync();
        await using IRevisionSubscription subscription = await store.SubscribeAsync(Ct);

        // Already not requiring approval: no write, no new revision. Then a real write, which must be the first heard.
        (await store.SetEnvironmentApprovalAsync("production", false, "tester", Ct)).ShouldBeTrue();
        await store.CreateEnvironmentAsync("qa", "QA", "tester", Ct);

        (await NextAsync(subscription)).ShouldBe(1);
    }

    [Fact]
    public async Task Listening_connection_ended_by_the_server_fails_the_wait()
    {
        PostgreSqlConfigStore store = await ReadyStoreAsync();
        await using IRevisionSubscription subscription = await store.SubscribeAsync(Ct);
        Task<long> waiting = subscription.NextAsync(Ct);

        await using (var admin = new NpgsqlConnection(ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = @name", admin);
            terminate.Parameters.AddWithValue("name", PostgreSqlRevisionSubscription.ApplicationName);
            (await terminate.ExecuteScalarAsync(Ct)).ShouldBe(1L);
        }

        Exception? failure = await Record.ExceptionAsync(() => waiting.WaitAsync(s_patience, Ct));
        failure.ShouldNotBeNull().ShouldNotBeOfType<TimeoutException>("the wait ends when the connection does");
        waiting.IsFaulted.ShouldBeTrue();
    }

    private static Task<long> NextAsync(IRevisionSubscription subscription) => subscription.NextAsync(Ct).WaitAsync(s_patience, Ct);

    private async Task<PostgreSqlConfigStore> ReadyStoreAsync()
    {
        var store = new PostgreSqlConfigStore(ConnectionString, TimeProvider.System);
        _stores.Add(store);
        await store.InitializeAsync(Ct);
        return store;
    }
}
