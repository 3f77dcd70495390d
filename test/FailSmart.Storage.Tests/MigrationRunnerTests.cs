using FailSmart.Storage.Migrations;
using Microsoft.Data.Sqlite;

namespace FailSmart.Storage.Tests;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public MigrationRunnerTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    private static readonly Migration[] s_two =
    [
        new(1, "a", "CREATE TABLE a (x INTEGER);\nINSERT INTO a VALUES (1);"),
        new(2, "b", "CREATE TABLE b (y INTEGER);"),
    ];

    [Fact]
    public async Task ApplyAsync_new_database_applies_every_step_in_order()
    {
        int version = await MigrationRunner.ApplyAsync(_connection, s_two, "test", TimeProvider.System, TestContext.Current.CancellationToken);

        version.ShouldBe(2);
        (await CountAsync("SELECT COUNT(*) FROM a")).ShouldBe(1);
        (await CountAsync("SELECT COUNT(*) FROM failsmart_schema_history")).ShouldBe(2);
    }

    [Fact]
    public async Task ApplyAsync_twice_applies_nothing_the_second_time()
    {
        await MigrationRunner.ApplyAsync(_connection, s_two[..1], "test", TimeProvider.System, TestContext.Current.CancellationToken);
        int version = await MigrationRunner.ApplyAsync(_connection, s_two, "test", TimeProvider.System, TestContext.Current.CancellationToken);
        await MigrationRunner.ApplyAsync(_connection, s_two, "test", TimeProvider.System, TestContext.Current.CancellationToken);

        version.ShouldBe(2);
        (await CountAsync("SELECT COUNT(*) FROM a")).ShouldBe(1); // step 1's insert ran once
    }

    [Fact]
    public async Task ApplyAsync_database_from_newer_release_is_refused_with_a_clear_message()
    {
        await MigrationRunner.ApplyAsync(_connection, s_two, "test", TimeProvider.System, TestContext.Current.CancellationToken);

        var ex = await Should.ThrowAsync<StorageException>(() =>
            MigrationRunner.ApplyAsync(_connection, s_two[..1], "test", TimeProvider.System, TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(StorageErrorCode.SchemaTooNew);
        ex.Message.ShouldContain("schema version 2");
        ex.Message.ShouldContain("Upgrade FailSmart");
    }

    [Fact]
    public async Task ApplyAsync_failing_step_leaves_the_previous_version_intact()
    {
        Migration[] broken = [s_two[0], new(2, "broken", "CREATE TABLE c (z INTEGER);\nTHIS IS NOT SQL;")];

        await Should.ThrowAsync<SqliteException>(() =>
            MigrationRunner.ApplyAsync(_connection, broken, "test", TimeProvider.System, TestContext.Current.CancellationToken));

        (await MigrationRunner.CurrentVersionAsync(_connection, TestContext.Current.CancellationToken)).ShouldBe(1);
        (await CountAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'c'")).ShouldBe(0);
    }

    [Fact]
    public async Task ApplyAsync_gap_in_versions_is_a_programming_error()
    {
        Migration[] gap = [s_two[0], new(3, "c", "SELECT 1;")];

        var ex = await Should.ThrowAsync<InvalidOperationException>(() =>
            MigrationRunner.ApplyAsync(_connection, gap, "test", TimeProvider.System, TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("without gaps");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
