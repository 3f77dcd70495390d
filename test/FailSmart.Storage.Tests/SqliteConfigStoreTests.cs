using FailSmart.Storage.Sqlite;

namespace FailSmart.Storage.Tests;

public sealed class SqliteConfigStoreTests : ConfigStoreConformanceTests
{
    protected override IConfigStore CreateStore() => new SqliteConfigStore(DataFolder.Prepare(Folder.Path), TimeProvider.System);

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
