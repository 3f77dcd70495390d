using DuckDB.NET.Data;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;
using FailSmart.Storage.Migrations;

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

    [Fact]
    public async Task InitializeAsync_database_with_the_former_primary_key_keeps_its_events_and_their_ids()
    {
        // A store written before ids left the primary key: schema version 1, with one exposure and one event.
        string file = Path.Combine(DataFolder.Prepare(Folder.Path).Path, DuckDbEventStore.FileName);
        await using (var connection = new DuckDBConnection($"Data Source={file}"))
        {
            connection.Open();
            await MigrationRunner.ApplyAsync(connection, [DuckDbEventMigrations.All[0]], "event", TimeProvider.System, TestContext.Current.CancellationToken);
            await using DuckDBCommand insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO exposures VALUES ('x-old', 'production', 'old-unit', 'checkout', 1, 1, 0, 0, ['country'], ['NZ']);
                INSERT INTO metric_events VALUES ('e-old', 'production', 'old-unit', 'purchase', 12.5, 1, 1, [], []);
                """;
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        IEventStore store = await OpenStoreAsync();
        AppendResult retry = await store.AppendAsync(
            new EventBatch(
                [new Exposure("x-old", "production", "old-unit", "checkout", 1, 1, DateTimeOffset.UnixEpoch)],
                [new MetricEvent("e-old", "production", "old-unit", "purchase", 12.5, DateTimeOffset.UnixEpoch.AddMilliseconds(1))]),
            TestContext.Current.CancellationToken);

        (await store.CheckHealthAsync(TestContext.Current.CancellationToken)).SchemaVersion.ShouldBe(DuckDbEventMigrations.All.Count);
        retry.DuplicatesIgnored.ShouldBe(2);
        (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(1);
        var scope = new ExperimentScope("production", "checkout", 1, DateTimeOffset.UnixEpoch.AddDays(1));
        MetricAnalysis revenue = await store.AnalyzeMetricAsync(scope, MetricDefinition.Sum("revenue", "purchase"), TestContext.Current.CancellationToken);
        revenue.Variations.ShouldHaveSingleItem().Sum.ShouldBe(12.5);
    }

    [Fact]
    public async Task ImportFilesAsync_twice_adds_both_imports_and_later_appends_still_count_once()
    {
        string exposures = Path.Combine(Folder.Path, "exposures.csv");
        string events = Path.Combine(Folder.Path, "events.csv");
        await File.WriteAllTextAsync(exposures, "unit_id,experiment,phase,variation,timestamp\nu1,checkout,1,0,2026-01-01T00:00:00Z\nu2,checkout,1,1,2026-01-01T00:00:00Z\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(events, "unit_id,event,value,timestamp\nu1,purchase,5,2026-01-01T01:00:00Z\n", TestContext.Current.CancellationToken);
        var store = (DuckDbEventStore)await OpenStoreAsync();
        Exposure sdk = new("sdk-1", "production", "u3", "checkout", 1, 0, DateTimeOffset.Parse("2026-01-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await store.AppendAsync(EventBatch.Of(sdk), TestContext.Current.CancellationToken);

        AppendResult first = await store.ImportFilesAsync(exposures, events, "production", TestContext.Current.CancellationToken);
        AppendResult second = await store.ImportFilesAsync(exposures, events, "production", TestContext.Current.CancellationToken);
        AppendResult retry = await store.AppendAsync(EventBatch.Of(sdk), TestContext.Current.CancellationToken);

        (first.Exposures, first.MetricEvents).ShouldBe((2, 1));
        (second.Exposures, second.MetricEvents).ShouldBe((2, 1));
        retry.DuplicatesIgnored.ShouldBe(1);
        (await store.CountExposuresAsync(TestContext.Current.CancellationToken)).ShouldBe(5);
    }
}
