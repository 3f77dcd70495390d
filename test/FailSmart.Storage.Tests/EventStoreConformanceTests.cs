using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>What every event store must do; DuckDB and ClickHouse subclass it.</summary>
public abstract class EventStoreConformanceTests : IAsyncLifetime
{
    protected TemporaryFolder Folder { get; } = new();

    /// <summary>Opens and initialises a store over this test's data.</summary>
    protected abstract Task<IEventStore> OpenStoreAsync();

    /// <summary>Closes a store so the same data can be opened again.</summary>
    protected abstract ValueTask CloseStoreAsync(IEventStore store);

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task InitializeAsync_new_store_is_empty_and_healthy()
    {
        IEventStore store = await OpenStoreAsync();
        try
        {
            (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
            StoreHealth health = await store.CheckHealthAsync(TestContext.Current.CancellationToken);
            health.IsHealthy.ShouldBeTrue(health.Detail);
            health.SchemaVersion.ShouldBeGreaterThanOrEqualTo(1);
        }
        finally
        {
            await CloseStoreAsync(store);
        }
    }

    [Fact]
    public async Task OpenStoreAsync_after_close_reuses_the_schema()
    {
        IEventStore first = await OpenStoreAsync();
        int version = (await first.CheckHealthAsync(TestContext.Current.CancellationToken)).SchemaVersion;
        await CloseStoreAsync(first);

        IEventStore second = await OpenStoreAsync();
        try
        {
            (await second.CheckHealthAsync(TestContext.Current.CancellationToken)).SchemaVersion.ShouldBe(version);
        }
        finally
        {
            await CloseStoreAsync(second);
        }
    }
}
