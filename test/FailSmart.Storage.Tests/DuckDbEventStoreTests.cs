using FailSmart.Storage.DuckDb;

namespace FailSmart.Storage.Tests;

public sealed class DuckDbEventStoreTests : EventStoreConformanceTests
{
    protected override async Task<IEventStore> OpenStoreCoreAsync()
    {
        var store = new DuckDbEventStore(DataFolder.Prepare(Folder.Path), TimeProvider.System);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    protected override ValueTask CloseStoreAsync(IEventStore store) => ((DuckDbEventStore)store).DisposeAsync();

    [Fact]
    public async Task InitializeAsync_corrupt_file_fails_with_a_clear_message()
    {
        await File.WriteAllTextAsync(Path.Combine(Folder.Path, DuckDbEventStore.FileName), new string('x', 8192), TestContext.Current.CancellationToken);

        var ex = await Should.ThrowAsync<StorageException>(OpenStoreAsync);

        ex.Code.ShouldBe(StorageErrorCode.CorruptDatabase);
        ex.Message.ShouldContain("is not a readable DuckDB database");
    }
}
