using Npgsql;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// Replicas started the way an orchestrator starts them: several at the same instant, as real processes,
/// on one new PostgreSQL database and one ClickHouse database.
/// </summary>
public sealed class ReplicaStartTests
{
    private const int Attempts = 20;
    private const int Replicas = 4;
    private const string BootstrapKeyId = "testadmin01"; // FailSmartFactory.AdminKey's id

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<string> Arguments(ReplicaStores stores) =>
        [.. stores.Arguments, "--Auth:BootstrapAdminKey", FailSmartFactory.AdminKey];

    [Fact]
    public async Task Four_replicas_started_at_once_on_an_empty_database_all_become_healthy_and_set_up_the_schema_and_key_once()
    {
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            await using ReplicaStores stores = await ReplicaStores.CreateAsync(Ct);
            var replicas = Enumerable.Range(0, Replicas).Select(_ => ReplicaProcess.Launch(Arguments(stores))).ToList();
            try
            {
                Exception?[] failures = await Task.WhenAll(replicas.Select(FailureOfStartAsync));
                for (int r = 0; r < Replicas; r++)
                {
                    failures[r].ShouldBeNull($"attempt {attempt}, replica {r + 1}: {failures[r]?.Message}");
                }

                await ShouldHoldOneSchemaAndOneKeyAsync(stores, $"attempt {attempt}");
            }
            finally
            {
                replicas.ForEach(r => r.Dispose());
            }
        }
    }

    [Fact]
    public async Task Replica_killed_during_a_migration_leaves_a_schema_that_the_next_start_completes()
    {
        await using ReplicaStores stores = await ReplicaStores.CreateAsync(Ct);
        // A table of a later migration, created and not committed: the replica's own CREATE of it waits on
        // this transaction, in the middle of that migration (after its first table), and is killed there.
        await using var blocker = new NpgsqlConnection(stores.ConnectionString);
        await blocker.OpenAsync(Ct);
        await using NpgsqlTransaction held = await blocker.BeginTransactionAsync(Ct);
        await using (var create = new NpgsqlCommand("CREATE TABLE leases (held_by_the_test INTEGER)", blocker, held))
        {
            await create.ExecuteNonQueryAsync(Ct);
        }

        using (ReplicaProcess replica = ReplicaProcess.Launch(Arguments(stores)))
        {
            await WaitUntilAsync(async () => await stores.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1,
                () => $"The replica never waited on the test's table.\n{replica.Output}\n{replica.Errors}");
            List<int> before = await stores.ColumnAsync<int>("SELECT version FROM failsmart_schema_history ORDER BY version");
            before.ShouldBe([.. Enumerable.Range(1, before.Count)], "the migrations before the waiting one are committed");

            replica.Kill();
        }

        await held.RollbackAsync(Ct);
        (await stores.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'rollouts'"))
            .ShouldBe(0, "the killed migration's first table was rolled back with it");

        using ReplicaProcess next = ReplicaProcess.Launch(Arguments(stores));
        await next.WaitUntilHealthyAsync(Ct);
        await ShouldHoldOneSchemaAndOneKeyAsync(stores, "after the kill");
    }

    private static async Task<Exception?> FailureOfStartAsync(ReplicaProcess replica)
    {
        try
        {
            await replica.WaitUntilHealthyAsync(Ct);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return ex;
        }
    }

    // Each migration recorded once and in order, the seeded environments once, the bootstrap key once (and
    // its audit entry once), and the event store's tables with each version recorded.
    private static async Task ShouldHoldOneSchemaAndOneKeyAsync(ReplicaStores stores, string when)
    {
        List<int> versions = await stores.ColumnAsync<int>("SELECT version FROM failsmart_schema_history ORDER BY version");
        versions.Count.ShouldBeGreaterThan(0, when);
        versions.ShouldBe([.. Enumerable.Range(1, versions.Count)], when);
        (await stores.ColumnAsync<string>("SELECT key FROM environments ORDER BY position")).ShouldBe(["development", "staging", "production"], when);
        (await stores.ScalarAsync<long>($"SELECT count(*) FROM api_keys WHERE id = '{BootstrapKeyId}'")).ShouldBe(1, when);
        (await stores.ScalarAsync<long>($"SELECT count(*) FROM audit_log WHERE action = 'key.create' AND key = '{BootstrapKeyId}'")).ShouldBe(1, when);
        (await stores.ClickHouseAsync("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name"))
            .Split('\n').ShouldBe(["exposures", "failsmart_schema_history", "metric_events"], when);
        (await stores.ClickHouseAsync("SELECT min(version) = 1 AND uniqExact(version) = max(version) FROM failsmart_schema_history"))
            .ShouldBe("1", when);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> failure)
    {
        for (int i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail(failure());
    }
}
