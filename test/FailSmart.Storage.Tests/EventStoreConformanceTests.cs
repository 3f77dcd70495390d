using FailSmart.Storage.Events;
using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>What every event store must do; DuckDB and ClickHouse subclass it.</summary>
public abstract partial class EventStoreConformanceTests : IAsyncLifetime
{
    private readonly List<IEventStore> _open = [];

    protected TemporaryFolder Folder { get; } = new();

    /// <summary>Opens and initialises a store over this test's data.</summary>
    protected abstract Task<IEventStore> OpenStoreCoreAsync();

    /// <summary>Closes a store so the same data can be opened again.</summary>
    protected abstract ValueTask CloseStoreAsync(IEventStore store);

    /// <summary>Whether the store knows at write time how many items were duplicates.</summary>
    protected virtual bool CountsDuplicatesOnWrite => true;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync()
    {
        foreach (IEventStore store in _open)
        {
            await CloseStoreAsync(store);
        }

        Folder.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task<IEventStore> OpenStoreAsync()
    {
        IEventStore store = await OpenStoreCoreAsync();
        _open.Add(store);
        return store;
    }

    protected async Task CloseAsync(IEventStore store)
    {
        _open.Remove(store);
        await CloseStoreAsync(store);
    }

    [Fact]
    public async Task InitializeAsync_new_store_is_empty_and_healthy()
    {
        IEventStore store = await OpenStoreAsync();

        (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        StoreHealth health = await store.CheckHealthAsync(TestContext.Current.CancellationToken);
        health.IsHealthy.ShouldBeTrue(health.Detail);
        health.SchemaVersion.ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task OpenStoreAsync_after_close_reuses_the_schema_and_keeps_the_events()
    {
        IEventStore first = await OpenStoreAsync();
        int version = (await first.CheckHealthAsync(TestContext.Current.CancellationToken)).SchemaVersion;
        await first.AppendAsync(EventBatch.Of(Expose("u", 0, H(0))), TestContext.Current.CancellationToken);
        await CloseAsync(first);

        IEventStore second = await OpenStoreAsync();

        (await second.CheckHealthAsync(TestContext.Current.CancellationToken)).SchemaVersion.ShouldBe(version);
        (await second.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
    }

    [Fact]
    public async Task StoredRowsAsync_grows_with_every_exposure_and_metric_event_appended()
    {
        IEventStore store = await OpenStoreAsync();
        long empty = await store.StoredRowsAsync(TestContext.Current.CancellationToken);

        await store.AppendAsync(EventBatch.Of(Expose("u", 0, H(0))), TestContext.Current.CancellationToken);
        long afterExposure = await store.StoredRowsAsync(TestContext.Current.CancellationToken);
        await store.AppendAsync(new EventBatch([], [Event("u", "purchase", 5, H(1))]), TestContext.Current.CancellationToken);
        long afterEvent = await store.StoredRowsAsync(TestContext.Current.CancellationToken);

        // A metric event alone changes results, so it must move the mark too.
        empty.ShouldBe(0);
        afterExposure.ShouldBe(1);
        afterEvent.ShouldBe(2);
    }

    [Fact]
    public async Task AppendAsync_retried_batch_counts_once()
    {
        IEventStore store = await OpenStoreAsync();
        EventBatch batch = Dataset();

        AppendResult first = await store.AppendAsync(batch, TestContext.Current.CancellationToken);
        AppendResult retry = await store.AppendAsync(batch, TestContext.Current.CancellationToken);

        first.ShouldBe(new AppendResult(batch.Exposures.Count, batch.MetricEvents.Count, CountsDuplicatesOnWrite ? 0 : null));
        retry.DuplicatesIgnored.ShouldBe(CountsDuplicatesOnWrite ? batch.Exposures.Count + batch.MetricEvents.Count : null);
        (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(batch.Exposures.Count);
        MetricAnalysis revenue = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);
        revenue.Variations.Select(v => v.Sum).ShouldBe([45.0, 148.0]);
    }

    [Fact]
    public async Task AppendAsync_retry_after_the_store_reopens_counts_once()
    {
        // A client whose request timed out retries after the server restarted: the ids stored before
        // the restart must still be known.
        IEventStore first = await OpenStoreAsync();
        EventBatch batch = Dataset();
        await first.AppendAsync(batch, TestContext.Current.CancellationToken);
        await CloseAsync(first);
        IEventStore second = await OpenStoreAsync();

        AppendResult retry = await second.AppendAsync(batch, TestContext.Current.CancellationToken);
        AppendResult fresh = await second.AppendAsync(EventBatch.Of(Expose("after-restart", 1, H(0))), TestContext.Current.CancellationToken);

        retry.DuplicatesIgnored.ShouldBe(CountsDuplicatesOnWrite ? batch.Exposures.Count + batch.MetricEvents.Count : null);
        fresh.DuplicatesIgnored.ShouldBe(CountsDuplicatesOnWrite ? 0 : null);
        (await second.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(batch.Exposures.Count + 1);
        MetricAnalysis revenue = await second.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);
        revenue.Variations.Select(v => v.Sum).ShouldBe([45.0, 148.0]);
    }

    [Fact]
    public async Task AppendAsync_id_repeated_within_a_batch_counts_once()
    {
        IEventStore store = await OpenStoreAsync();
        MetricEvent purchase = Event("b1", "purchase", 7, H(1));
        Exposure exposure = Expose("b1", 1, H(0));

        AppendResult result = await store.AppendAsync(new EventBatch([exposure, exposure], [purchase, purchase, purchase]), TestContext.Current.CancellationToken);

        result.DuplicatesIgnored.ShouldBe(CountsDuplicatesOnWrite ? 3 : null);
        (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        MetricAnalysis revenue = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);
        ShouldHave(revenue.Variations.ShouldHaveSingleItem(), 1, 1, 7, 49);
    }

    [Fact]
    public async Task AppendAsync_concurrent_batches_with_some_retries_store_each_event_once()
    {
        // Concurrent appends may be written together (group commit); a retried batch among them must
        // still count its own duplicates and leave every other batch whole.
        IEventStore store = await OpenStoreAsync();
        EventBatch[] batches = [.. Enumerable.Range(0, 24).Select(b => new EventBatch(
            [.. Enumerable.Range(0, 50).Select(i => Expose($"u{b}-{i}", i % 2, H(0)))],
            [.. Enumerable.Range(0, 50).Select(i => Event($"u{b}-{i}", "purchase", 1, H(1)))]))];
        await store.AppendAsync(batches[3], TestContext.Current.CancellationToken);

        AppendResult[] results = await Task.WhenAll(batches.Select(batch => Task.Run(() => store.AppendAsync(batch, TestContext.Current.CancellationToken))));

        results.Length.ShouldBe(24);
        results.Select(r => (r.Exposures, r.MetricEvents)).ShouldAllBe(r => r.Exposures == 50 && r.MetricEvents == 50);
        if (CountsDuplicatesOnWrite)
        {
            results.Select(r => r.DuplicatesIgnored).ShouldBe(Enumerable.Range(0, 24).Select(b => (int?)(b == 3 ? 100 : 0)));
        }

        (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(24 * 50);
        MetricAnalysis purchases = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Count("purchases", "purchase"), TestContext.Current.CancellationToken);
        purchases.Variations.Sum(v => v.Sum).ShouldBe(24 * 50);
    }

    [Fact]
    public async Task AppendAsync_batch_split_differently_on_retry_counts_each_event_once()
    {
        IEventStore store = await OpenStoreAsync();
        EventBatch all = Dataset();
        await store.AppendAsync(new EventBatch(all.Exposures, all.MetricEvents.Take(10).ToArray()), TestContext.Current.CancellationToken);

        AppendResult retry = await store.AppendAsync(new EventBatch([], all.MetricEvents.Skip(5).ToArray()), TestContext.Current.CancellationToken);

        retry.DuplicatesIgnored.ShouldBe(CountsDuplicatesOnWrite ? 5 : null);

        MetricAnalysis sessions = await store.AnalyzeMetricAsync(Checkout, MetricDefinition.Count("sessions", "session"), TestContext.Current.CancellationToken);
        sessions.Variations.Select(v => v.Sum).ShouldBe([3.0, 7.0]);
    }

    [Fact]
    public async Task AppendAsync_item_without_an_id_is_rejected_and_nothing_is_written()
    {
        IEventStore store = await OpenStoreAsync();
        EventBatch bad = new([Expose("a", 0, H(0)), Expose("b", 0, H(0)) with { EventId = "" }], []);

        var ex = await Should.ThrowAsync<ArgumentException>(() => store.AppendAsync(bad, TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("position 1 has no EventId");
        (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task AppendAsync_property_with_a_null_value_is_rejected()
    {
        IEventStore store = await OpenStoreAsync();
        Exposure bad = Expose("a", 0, H(0)) with { Properties = new Dictionary<string, string> { ["country"] = null! } };

        var ex = await Should.ThrowAsync<ArgumentException>(() => store.AppendAsync(EventBatch.Of(bad), TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("null value");
    }

    [Fact]
    public async Task AppendAsync_properties_with_quotes_and_tabs_round_trip_into_breakdowns()
    {
        IEventStore store = await OpenStoreAsync();
        const string tricky = "O'Brien\t\"x\"\\n\n";
        Exposure exposure = Expose("q1", 0, H(0)) with { Properties = new Dictionary<string, string> { ["it's"] = tricky } };
        await store.AppendAsync(new EventBatch([exposure], [Event("q1", "purchase", 2, H(1))]), TestContext.Current.CancellationToken);

        MetricBreakdown breakdown = await store.AnalyzeBreakdownAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), "it's", TestContext.Current.CancellationToken);

        SegmentStatistics segment = breakdown.Segments.ShouldHaveSingleItem();
        segment.Value.ShouldBe(tricky);
        ShouldHave(segment.Variations.ShouldHaveSingleItem(), 0, 1, 2, 4);
    }
}
