using FailSmart.Storage.PostgreSql;
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
    public async Task Replica_killed_during_a_migration_releases_the_lock_and_replicas_started_again_complete_the_schema_once()
    {
        // What an uninterrupted start makes: the latest version and every table, column and index of it.
        await using ReplicaStores reference = await ReplicaStores.CreateAsync(Ct);
        int latest;
        await using (var store = new PostgreSqlConfigStore(reference.ConnectionString, TimeProvider.System))
        {
            latest = await store.InitializeAsync(Ct);
        }

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

        long lockKey;
        using (ReplicaProcess replica = ReplicaProcess.Launch(Arguments(stores)))
        {
            await WaitUntilAsync(async () => await stores.ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1,
                () => $"The replica never waited on the test's table.\n{replica.Output}\n{replica.Errors}");
            List<int> before = await stores.ColumnAsync<int>("SELECT version FROM failsmart_schema_history ORDER BY version");
            before.ShouldBe([.. Enumerable.Range(1, before.Count)], "the migrations before the waiting one are committed");
            before.Count.ShouldBeLessThan(latest, "the replica is killed with migrations still to apply");
            // The replica holds the migration lock while it migrates: one granted advisory lock in this database.
            List<long> keys = await stores.ColumnAsync<long>(AdvisoryLocksHeld);
            keys.Count.ShouldBe(1, "the migrating replica holds the migration lock");
            lockKey = keys[0];
            (await TryTakeAsync(stores, lockKey)).ShouldBeFalse("nobody else gets the lock while the replica migrates");

            replica.Kill();
        }

        // The killed replica's lock connection ended and PostgreSQL released its lock, while its migration's
        // statement still waits behind the test's transaction: no graceful unlock could have run.
        await WaitUntilAsync(async () => (await stores.ColumnAsync<long>(AdvisoryLocksHeld)).Count == 0,
            () => "PostgreSQL did not release the killed replica's migration lock.");
        (await TryTakeAsync(stores, lockKey)).ShouldBeTrue("the lock is free for the next replica");

        await held.RollbackAsync(Ct);
        (await stores.ScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tablename = 'rollouts'"))
            .ShouldBe(0, "the killed migration's first table was rolled back with it");

        var again = Enumerable.Range(0, 2).Select(_ => ReplicaProcess.Launch(Arguments(stores))).ToList();
        try
        {
            Exception?[] failures = await Task.WhenAll(again.Select(FailureOfStartAsync));
            failures.ShouldAllBe(f => f == null, string.Join("\n", failures.Select(f => f?.Message)));

            await ShouldHoldOneSchemaAndOneKeyAsync(stores, "after the kill");
            (await stores.ColumnAsync<int>("SELECT version FROM failsmart_schema_history ORDER BY version"))
                .ShouldBe([.. Enumerable.Range(1, latest)], "every version once, up to the latest");
            foreach (string catalog in s_catalog)
            {
                (await stores.ColumnAsync<string>(catalog)).ShouldBe(await reference.ColumnAsync<string>(catalog), catalog);
            }

            (await stores.ColumnAsync<long>(AdvisoryLocksHeld)).ShouldBeEmpty("the replicas gave the lock up once the schema was current");
        }
        finally
        {
            again.ForEach(r => r.Dispose());
        }
    }

    // The session advisory locks held in this database, as the bigint key pg_advisory_lock was given.
    private const string AdvisoryLocksHeld =
        "SELECT (l.classid::bigint << 32) | l.objid::bigint FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
        "WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted";

    // The schema, as PostgreSQL's catalog describes it: compared with an uninterrupted start's.
    private static readonly string[] s_catalog =
    [
        "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') " +
            "FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1",
        "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
        "SELECT event_object_table || ' ' || trigger_name || ' ' || action_timing || ' ' || event_manipulation " +
            "FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1",
    ];

    private static async Task<bool> TryTakeAsync(ReplicaStores stores, long key)
    {
        await using var connection = new NpgsqlConnection(stores.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({key})", connection);
        bool taken = (bool)(await take.ExecuteScalarAsync(Ct))!;
        if (taken)
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", connection);
            await release.ExecuteNonQueryAsync(Ct);
        }

        return taken;
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
