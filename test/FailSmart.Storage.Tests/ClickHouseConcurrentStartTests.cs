using FailSmart.Storage.ClickHouse;
using FailSmart.Storage.Events;
using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>
/// Several processes setting up one new ClickHouse database at once, or one finishing what a killed one
/// began. ClickHouse has no locks, so every step is idempotent and the runners converge.
/// </summary>
public sealed class ClickHouseConcurrentStartTests : IAsyncLifetime
{
    private const int Stores = 4;
    private static readonly HttpClient s_client = new();

    private readonly string _database = $"failsmart_test_{Guid.NewGuid():N}";
    private Uri _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ClickHouseConnectionOptions Options => new() { Url = _server, Database = _database };

    public ValueTask InitializeAsync()
    {
        _server = TestServices.ClickHouse();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await RunAsync($"DROP DATABASE IF EXISTS {_database}", inDatabase: false);
        }
    }

    [Fact]
    public async Task InitializeAsync_by_four_stores_at_once_on_a_new_database_all_reach_the_latest_version()
    {
        var stores = Enumerable.Range(0, Stores).Select(_ => new ClickHouseEventStore(Options, TimeProvider.System)).ToList();
        try
        {
            int[] versions = await Task.WhenAll(stores.Select(s => s.InitializeAsync(Ct)));

            versions.Distinct().ShouldHaveSingleItem().ShouldBeGreaterThan(0);
            (await RunAsync("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name FORMAT TabSeparated"))
                .ShouldBe("exposures\nfailsmart_schema_history\nmetric_events");
            (await RunAsync("SELECT DISTINCT version FROM failsmart_schema_history ORDER BY version FORMAT TabSeparated"))
                .ShouldBe(string.Join('\n', Enumerable.Range(1, versions[0])));
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task InitializeAsync_after_a_runner_died_before_recording_its_step_records_it_once()
    {
        using (var first = new ClickHouseEventStore(Options, TimeProvider.System))
        {
            await first.InitializeAsync(Ct);
        }

        // As if the runner was killed after creating the tables and before recording the version.
        await RunAsync("TRUNCATE TABLE failsmart_schema_history");
        using var next = new ClickHouseEventStore(Options, TimeProvider.System);

        int version = await next.InitializeAsync(Ct);
        await next.AppendAsync(new EventBatch([new Exposure("e-1", "production", "u-1", "t", 1, 0, DateTimeOffset.UtcNow, null)], []), Ct);

        (await RunAsync("SELECT version FROM failsmart_schema_history ORDER BY version FORMAT TabSeparated"))
            .ShouldBe(string.Join('\n', Enumerable.Range(1, version)), "each step recorded once");
        (await next.CountExposuresAsync(Ct)).ShouldBe(1);
    }

    private async Task<string> RunAsync(string sql, bool inDatabase = true)
    {
        using var content = new StringContent(sql);
        using HttpResponseMessage response = await s_client.PostAsync(new Uri(_server, inDatabase ? $"/?database={_database}" : "/"), content);
        string body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return body.Trim();
    }
}
