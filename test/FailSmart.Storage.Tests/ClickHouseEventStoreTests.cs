using FailSmart.Storage.ClickHouse;
using FailSmart.Storage.Events;

namespace FailSmart.Storage.Tests;

/// <summary>
/// The conformance suite on a real ClickHouse server: ./build.sh test starts one and sets
/// FAILSMART_TEST_CLICKHOUSE. Each test gets its own database.
/// </summary>
public sealed class ClickHouseEventStoreTests : EventStoreConformanceTests
{
    private readonly string _database = $"failsmart_test_{Guid.NewGuid():N}";

    protected override bool CountsDuplicatesOnWrite => false;

    private static Uri Server()
    {
        string? url = Environment.GetEnvironmentVariable("FAILSMART_TEST_CLICKHOUSE");
        if (string.IsNullOrEmpty(url))
        {
            Assert.Skip("FAILSMART_TEST_CLICKHOUSE is not set: run ./build.sh test, which starts ClickHouse and sets it.");
        }

        return new Uri(url);
    }

    private ClickHouseConnectionOptions Options => new() { Url = Server(), Database = _database };

    protected override async Task<IEventStore> OpenStoreCoreAsync()
    {
        var store = new ClickHouseEventStore(Options, TimeProvider.System);
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
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FAILSMART_TEST_CLICKHOUSE")))
        {
            await RunAsync($"DROP DATABASE IF EXISTS {_database}");
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task AnalyzeMetricAsync_after_duplicates_are_merged_away_gives_the_same_sums()
    {
        IEventStore store = await OpenStoreAsync();
        EventBatch batch = Dataset();
        await store.AppendAsync(batch, TestContext.Current.CancellationToken);
        await store.AppendAsync(batch, TestContext.Current.CancellationToken);
        MetricAnalysis before = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);

        await RunAsync($"OPTIMIZE TABLE {_database}.metric_events FINAL");

        MetricAnalysis after = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);
        after.Variations.ShouldBe(before.Variations);
        after.Variations.Select(v => v.Sum).ShouldBe([45.0, 148.0]);
    }

    private static async Task<string> RunAsync(string sql)
    {
        using var client = new HttpClient();
        using var content = new StringContent(sql);
        using HttpResponseMessage response = await client.PostAsync(Server(), content);
        string body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return body;
    }

    [Fact]
    public async Task InitializeAsync_unreachable_server_fails_as_unavailable()
    {
        Server();
        using var store = new ClickHouseEventStore(new ClickHouseConnectionOptions { Url = new Uri("http://127.0.0.1:1"), Database = _database }, TimeProvider.System);

        var ex = await Should.ThrowAsync<StorageException>(() => store.InitializeAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(StorageErrorCode.Unavailable);
        ex.IsTransient.ShouldBeTrue();
    }

    [Fact]
    public void Constructor_database_name_that_is_not_an_identifier_is_rejected()
    {
        var ex = Should.Throw<ArgumentException>(() => new ClickHouseEventStore(new ClickHouseConnectionOptions { Url = new Uri("http://127.0.0.1:1"), Database = "x; DROP" }, TimeProvider.System));

        ex.Message.ShouldContain("letters, digits and underscores");
    }
}
