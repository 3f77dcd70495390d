using System.Data.Common;
using FailSmart.Storage.Migrations;
using FailSmart.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace FailSmart.Storage.Tests;

public sealed class SqliteConfigStoreTests : ConfigStoreConformanceTests
{
    protected override IConfigStore CreateStore() => new SqliteConfigStore(DataFolder.Prepare(Folder.Path), Clock);

    protected override IReadOnlyList<Migration> ReleasedMigrations => SqliteConfigMigrations.All;

    protected override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DataFolder.Prepare(Folder.Path).PathOf(SqliteConfigStore.FileName),
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    [Fact]
    public async Task InitializeAsync_corrupt_file_fails_with_a_clear_message()
    {
        await File.WriteAllTextAsync(Path.Combine(Folder.Path, SqliteConfigStore.FileName), new string('x', 8192), TestContext.Current.CancellationToken);

        var ex = await Should.ThrowAsync<StorageException>(() => CreateStore().InitializeAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(StorageErrorCode.CorruptDatabase);
        ex.Message.ShouldContain("is not a readable SQLite database");
        ex.Message.ShouldContain("Restore it from a backup");
    }
}
