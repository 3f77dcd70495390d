using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>
/// What every configuration store must do. Each adapter subclasses this and supplies its store, so
/// SQLite and PostgreSQL are held to the same behaviour.
/// </summary>
public abstract class ConfigStoreConformanceTests : IAsyncLifetime
{
    protected TemporaryFolder Folder { get; } = new();

    /// <summary>A store over fresh or existing data, depending on the adapter's notion of "the same place".</summary>
    protected abstract IConfigStore CreateStore();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task InitializeAsync_new_store_creates_the_three_standard_environments()
    {
        IConfigStore store = CreateStore();

        int version = await store.InitializeAsync(TestContext.Current.CancellationToken);

        version.ShouldBeGreaterThanOrEqualTo(1);
        (await store.ListEnvironmentKeysAsync(TestContext.Current.CancellationToken))
            .ShouldBe(["development", "staging", "production"]);
    }

    [Fact]
    public async Task InitializeAsync_again_on_the_same_data_keeps_it()
    {
        int first = await CreateStore().InitializeAsync(TestContext.Current.CancellationToken);

        IConfigStore again = CreateStore();
        int second = await again.InitializeAsync(TestContext.Current.CancellationToken);

        second.ShouldBe(first);
        (await again.ListEnvironmentKeysAsync(TestContext.Current.CancellationToken)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task CheckHealthAsync_initialised_store_is_healthy_at_its_schema_version()
    {
        IConfigStore store = CreateStore();
        int version = await store.InitializeAsync(TestContext.Current.CancellationToken);

        StoreHealth health = await store.CheckHealthAsync(TestContext.Current.CancellationToken);

        health.IsHealthy.ShouldBeTrue(health.Detail);
        health.SchemaVersion.ShouldBe(version);
    }
}
