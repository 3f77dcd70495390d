using FailSmart.Storage.ClickHouse;
using FailSmart.Storage.Events;
using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>
/// The same events written to one ClickHouse server and to a cluster of two shards give the same
/// analysis, with each unit's rows whole on one shard; and a database laid out for one mode is refused by
/// the other.
/// </summary>
public sealed class ClickHouseClusterAnalysisTests : IAsyncLifetime
{
    private const int Units = 3_000;
    private static readonly DateTimeOffset s_start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly ExperimentScope s_scope = new("production", "pricing", 1, s_start.AddDays(20));

    private readonly string _database = $"failsmart_test_{Guid.NewGuid():N}";
    private Uri _server = null!;
    private IReadOnlyList<Uri> _shards = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _server = TestServices.ClickHouse();
        _shards = TestServices.ClickHouseCluster();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_shards is not null)
        {
            await ClickHouseCluster.DropAsync([_server, .. _shards], _database);
        }
    }

    [Fact]
    public async Task Analysis_on_the_cluster_gives_the_numbers_of_one_server()
    {
        using var single = new ClickHouseEventStore(new ClickHouseConnectionOptions { Url = _server, Database = _database }, TimeProvider.System);
        using var cluster = new ClickHouseEventStore(ClickHouseCluster.Options(_shards, _database), TimeProvider.System);
        await single.InitializeAsync(Ct);
        await cluster.InitializeAsync(Ct);
        EventBatch[] batches = Batches();
        foreach (EventBatch batch in batches.Append(batches[1]))
        {
            // The second batch is sent twice, as a client whose answer was lost would.
            await single.AppendAsync(batch, Ct);
            await cluster.AppendAsync(batch, Ct);
        }

        ExposureSummary srm = await cluster.SummarizeExposuresAsync(s_scope, Ct);
        srm.Variations.ShouldBe((await single.SummarizeExposuresAsync(s_scope, Ct)).Variations);
        // Worked out from the generated exposures, not by a store: every 97th unit also saw the other arm.
        srm.Variations.Select(v => v.Units).ShouldBe([ExpectedUnits(0), ExpectedUnits(1)]);
        srm.MultipleVariationUnits.ShouldBe(Enumerable.Range(0, Units).Count(u => u % 97 == 0));
        (await cluster.CountExposuresAsync(Ct)).ShouldBe(await single.CountExposuresAsync(Ct));

        MetricDefinition[] metrics =
        [
            MetricDefinition.Sum("revenue", "purchase") with { CovariateWindow = TimeSpan.FromDays(7) },
            MetricDefinition.Conversion("buyers", "purchase"),
            MetricDefinition.Ratio("revenue-per-session", "purchase", "session"),
            MetricDefinition.Count("sessions", "session") with { Capping = Capping.AtPercentile(0.9) },
            MetricDefinition.Quantile("p90-basket", "purchase", 0.9),
        ];
        foreach (MetricDefinition metric in metrics)
        {
            MetricAnalysis onCluster = await cluster.AnalyzeMetricAsync(s_scope, metric, Ct);
            MetricAnalysis onOne = await single.AnalyzeMetricAsync(s_scope, metric, Ct);
            onCluster.Variations.ShouldBe(onOne.Variations, metric.Key);
            onCluster.CapValue.ShouldBe(onOne.CapValue, metric.Key);
            onCluster.Variations.Select(v => v.Units).ShouldBe([ExpectedUnits(0), ExpectedUnits(1)], metric.Key);
        }

        MetricBreakdown byCountry = await cluster.AnalyzeBreakdownAsync(s_scope, metrics[0], "country", Ct);
        MetricBreakdown byCountryOnOne = await single.AnalyzeBreakdownAsync(s_scope, metrics[0], "country", Ct);
        byCountry.Segments.Select(s => s.Value).ShouldBe(["BR", "DE", "NZ"]);
        byCountry.Segments.Select(s => s.Variations).ShouldBe(byCountryOnOne.Segments.Select(s => s.Variations));

        // Revenue is worked out from the generated events: each purchase counts once, resent or not.
        MetricAnalysis revenue = await cluster.AnalyzeMetricAsync(s_scope, metrics[0], Ct);
        revenue.Variations.Select(v => v.Sum).ShouldBe([ExpectedRevenue(0), ExpectedRevenue(1)]);
    }

    [Fact]
    public async Task AppendAsync_on_the_cluster_keeps_each_unit_on_one_shard_and_uses_both()
    {
        using var cluster = new ClickHouseEventStore(ClickHouseCluster.Options(_shards, _database), TimeProvider.System);
        await cluster.InitializeAsync(Ct);
        foreach (EventBatch batch in Batches())
        {
            await cluster.AppendAsync(batch, Ct);
        }

        HashSet<string>[] exposed = new HashSet<string>[_shards.Count];
        HashSet<string>[] withEvents = new HashSet<string>[_shards.Count];
        for (int i = 0; i < _shards.Count; i++)
        {
            exposed[i] = [.. await UnitsAsync(_shards[i], "exposures_local")];
            withEvents[i] = [.. await UnitsAsync(_shards[i], "metric_events_local")];
            exposed[i].Count.ShouldBeGreaterThan(Units / 4, $"shard {i} holds too few units for a hash split");
        }

        exposed[0].Overlaps(exposed[1]).ShouldBeFalse();
        exposed.Sum(s => s.Count).ShouldBe(Units);
        withEvents[0].IsSubsetOf(exposed[0]).ShouldBeTrue();
        withEvents[1].IsSubsetOf(exposed[1]).ShouldBeTrue();
    }

    [Fact]
    public async Task InitializeAsync_with_a_cluster_over_a_database_made_for_one_server_is_refused()
    {
        using (var single = new ClickHouseEventStore(new ClickHouseConnectionOptions { Url = _shards[0], Database = _database }, TimeProvider.System))
        {
            await single.InitializeAsync(Ct);
        }

        using var cluster = new ClickHouseEventStore(ClickHouseCluster.Options(_shards, _database), TimeProvider.System);
        var ex = await Should.ThrowAsync<StorageException>(() => cluster.InitializeAsync(Ct));

        ex.Code.ShouldBe(StorageErrorCode.Misconfigured);
        ex.Message.ShouldContain("holds FailSmart's tables for one server");
        ex.Message.ShouldContain("Use a new database for the cluster");
    }

    [Fact]
    public async Task InitializeAsync_on_one_server_over_a_database_made_for_the_cluster_is_refused()
    {
        using (var cluster = new ClickHouseEventStore(ClickHouseCluster.Options(_shards, _database), TimeProvider.System))
        {
            await cluster.InitializeAsync(Ct);
        }

        using var single = new ClickHouseEventStore(new ClickHouseConnectionOptions { Url = _shards[0], Database = _database }, TimeProvider.System);
        var ex = await Should.ThrowAsync<StorageException>(() => single.InitializeAsync(Ct));

        ex.Code.ShouldBe(StorageErrorCode.Misconfigured);
        ex.Message.ShouldContain("Storage:Events:ClickHouse:Cluster is not set");
    }

    [Theory]
    [InlineData("failsmart; DROP", "must be the name of a cluster")]
    [InlineData("failsmart", "Storage:Events:ClickHouse:Shards must list")]
    public void Constructor_cluster_settings_that_cannot_work_are_refused(string cluster, string message)
    {
        var options = new ClickHouseConnectionOptions
        {
            Url = new Uri("http://127.0.0.1:1"),
            Cluster = cluster,
            Shards = cluster.Contains(';', StringComparison.Ordinal) ? [new Uri("http://127.0.0.1:1")] : [],
        };

        var ex = Should.Throw<StorageException>(() => new ClickHouseEventStore(options, TimeProvider.System));

        ex.Code.ShouldBe(StorageErrorCode.Misconfigured);
        ex.Message.ShouldContain(message);
    }

    private async Task<string[]> UnitsAsync(Uri shard, string table) =>
        (await ClickHouseCluster.RunAsync(shard, $"SELECT DISTINCT unit_id FROM {_database}.{table} FORMAT TabSeparated"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static int Variation(int unit) => unit % 3 == 0 ? 1 : 0;

    private static string Country(int unit) => (unit % 3) switch { 0 => "NZ", 1 => "DE", _ => "BR" };

    private static long ExpectedUnits(int variation) =>
        Enumerable.Range(0, Units).Count(u => u % 97 != 0 && Variation(u) == variation);

    // A purchase of (u % 40) / 4 after exposure for every unit, and a second of 2.5 for every fifth:
    // quarters and halves add up exactly in any order, so one server and the cluster can agree to the bit.
    private static double ExpectedRevenue(int variation) =>
        Enumerable.Range(0, Units).Where(u => u % 97 != 0 && Variation(u) == variation).Sum(u => (u % 40) / 4.0 + (u % 5 == 0 ? 2.5 : 0));

    /// <summary>Three batches of a pricing experiment over <see cref="Units"/> units: exposures, purchases before and after, sessions.</summary>
    private static EventBatch[] Batches() =>
    [
        .. Enumerable.Range(0, 3).Select(part =>
        {
            int[] units = [.. Enumerable.Range(0, Units).Where(u => u % 3 == part)];
            Exposure[] exposures =
            [
                .. units.Select(u => new Exposure($"x{u}", "production", $"u{u}", "pricing", 1, Variation(u), s_start.AddMinutes(u), Properties(u))),
                .. units.Where(u => u % 97 == 0).Select(u => new Exposure($"x{u}-other", "production", $"u{u}", "pricing", 1, 1 - Variation(u), s_start.AddMinutes(u + 5))),
            ];
            MetricEvent[] events =
            [
                .. units.Select(u => new MetricEvent($"p{u}", "production", $"u{u}", "purchase", (u % 40) / 4.0, s_start.AddMinutes(u + 30))),
                .. units.Where(u => u % 5 == 0).Select(u => new MetricEvent($"q{u}", "production", $"u{u}", "purchase", 2.5, s_start.AddMinutes(u).AddDays(2))),
                .. units.Where(u => u % 7 == 0).Select(u => new MetricEvent($"pre{u}", "production", $"u{u}", "purchase", 1.25, s_start.AddMinutes(u).AddDays(-1))),
                .. units.SelectMany(u => Enumerable.Range(0, 1 + u % 4).Select(s => new MetricEvent($"s{u}-{s}", "production", $"u{u}", "session", null, s_start.AddMinutes(u + 10 + s)))),
            ];
            return new EventBatch(exposures, events);
        }),
    ];

    private static Dictionary<string, string> Properties(int unit) => new() { ["country"] = Country(unit) };
}
