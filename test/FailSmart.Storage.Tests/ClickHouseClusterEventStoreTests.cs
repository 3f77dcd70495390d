using FailSmart.Storage.ClickHouse;
using FailSmart.Storage.Events;
using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>
/// The conformance suite on a cluster of two ClickHouse shards (./build.sh test starts one and sets
/// FAILSMART_TEST_CLICKHOUSE_CLUSTER): Distributed tables over each shard's local tables, sharded by unit.
/// Each test gets its own database on both shards.
/// </summary>
public sealed class ClickHouseClusterEventStoreTests : EventStoreConformanceTests
{
    private readonly string _database = $"failsmart_test_{Guid.NewGuid():N}";
    private IReadOnlyList<Uri>? _shards;

    protected override bool CountsDuplicatesOnWrite => false;

    private IReadOnlyList<Uri> Shards => _shards ??= TestServices.ClickHouseCluster();

    protected override async Task<IEventStore> OpenStoreCoreAsync()
    {
        var store = new ClickHouseEventStore(ClickHouseCluster.Options(Shards, _database), TimeProvider.System);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    protected override ValueTask CloseStoreAsync(IEventStore store)
    {
        ((ClickHouseEventStore)store).Dispose();
        return ValueTask.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_shards is not null)
        {
            await ClickHouseCluster.DropAsync(_shards, _database);
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task AnalyzeMetricAsync_after_each_shard_merges_its_duplicates_gives_the_same_sums()
    {
        IEventStore store = await OpenStoreAsync();
        EventBatch batch = Dataset();
        await store.AppendAsync(batch, TestContext.Current.CancellationToken);
        await store.AppendAsync(batch, TestContext.Current.CancellationToken);
        MetricAnalysis before = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);

        foreach (Uri shard in Shards)
        {
            await ClickHouseCluster.RunAsync(shard, $"OPTIMIZE TABLE {_database}.metric_events_local FINAL");
        }

        MetricAnalysis after = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);
        after.Variations.ShouldBe(before.Variations);
        after.Variations.Select(v => v.Sum).ShouldBe([45.0, 148.0]);
    }
}
