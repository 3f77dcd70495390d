using System.Net;
using System.Text.Json;
using FailSmart.Server.Results;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// Two replicas on one PostgreSQL and one ClickHouse: they serve one shared result per experiment, so a
/// reader behind a load balancer sees the same numbers from either, and the analysis runs once: on a
/// schedule only on the replica holding the refresh lease, on demand only on the replica that claims it.
/// </summary>
public sealed class SharedResultsTests : IAsyncLifetime
{
    private ReplicaStores _stores = null!;
    private Replica _a = null!;
    private Replica _b = null!;

    public async ValueTask InitializeAsync() => _stores = await ReplicaStores.CreateAsync(ApiTestExtensions.Ct);

    public async ValueTask DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        await _stores.DisposeAsync();
    }

    [Fact]
    public async Task Results_read_through_either_replica_are_identical_and_only_the_leader_analysed_them()
    {
        (_a, _b) = Start(refreshInterval: "00:00:01");
        using HttpClient admin = _a.ClientWithKey();
        await ExperimentAsync(admin, "shared-test");
        long rows = await AppendHalfThroughEachAsync("shared-test", 0, 240);

        // The leader's scheduled refresh stores the result of every running experiment; wait for the one over these rows.
        await WaitForAsync(async () => await _stores.ScalarAsync<long>("SELECT COALESCE(MAX(stored_rows), -1) FROM results") == rows);
        string leader = await _stores.ScalarAsync<string>($"SELECT holder FROM leases WHERE name = '{ResultsOptions.LeaseName}'");
        (Replica leading, Replica other) = leader == _a.Name ? (_a, _b) : (_b, _a);
        leader.ShouldBe(leading.Name);
        // The other replica keeps trying for the lease on the same schedule, and never gets it while the leader renews.
        long otherRounds = other.Refresher.Rounds;
        await WaitForAsync(() => Task.FromResult(other.Refresher.Rounds >= otherRounds + 2));

        string throughA = await ResultsJsonAsync(_a, "shared-test");
        string throughB = await ResultsJsonAsync(_b, "shared-test");

        throughB.ShouldBe(throughA);
        using JsonDocument result = JsonDocument.Parse(throughA);
        result.RootElement.GetProperty("stale").GetBoolean().ShouldBeFalse();
        result.RootElement.GetProperty("variations").EnumerateArray().Sum(v => v.GetProperty("units").GetInt64()).ShouldBe(240);
        (await _stores.ScalarAsync<string>("SELECT computed_by FROM results")).ShouldBe(leader);
        leading.Refresher.Refreshed.ShouldBeGreaterThanOrEqualTo(1);
        other.Refresher.Refreshed.ShouldBe(0, "only the leader refreshes on the schedule");
        other.Results.Analyses.ShouldBe(0, "the other replica served the shared result without analysing");
        leading.Results.Analyses.ShouldBe(leading.Refresher.Refreshed, "the leader analysed only on its schedule, not again for the reads");
    }

    [Fact]
    public async Task Result_computed_on_one_replica_is_served_by_the_other_and_an_out_of_date_one_is_recomputed_once()
    {
        (_a, _b) = Start(refreshInterval: "00:00:00");
        using HttpClient admin = _a.ClientWithKey();
        await ExperimentAsync(admin, "demand-test");
        await AppendHalfThroughEachAsync("demand-test", 0, 100);

        string first = await ResultsJsonAsync(_a, "demand-test");
        string served = await ResultsJsonAsync(_b, "demand-test");

        served.ShouldBe(first);
        (_a.Results.Analyses, _b.Results.Analyses).ShouldBe((1, 0));

        // Results over time are shared the same way: round-robin over the two replicas reads one stored timeline.
        string timeline = await TimelineJsonAsync(_a, "demand-test");
        (await TimelineJsonAsync(_b, "demand-test")).ShouldBe(timeline);
        (await TimelineJsonAsync(_a, "demand-test")).ShouldBe(timeline);
        (_a.Timelines.Computed, _b.Timelines.Computed).ShouldBe((1, 0));

        // New events: the first replica to read serves the stored result marked stale and recomputes it in the background;
        // the other, reading meanwhile, finds it claimed or already current and analyses nothing.
        await AppendHalfThroughEachAsync("demand-test", 100, 60);
        using JsonDocument stale = JsonDocument.Parse(await ResultsJsonAsync(_b, "demand-test"));
        stale.RootElement.GetProperty("stale").GetBoolean().ShouldBeTrue();
        Units(stale.RootElement).ShouldBe(100);

        string fresh = "";
        await WaitForAsync(async () =>
        {
            fresh = await ResultsJsonAsync(_a, "demand-test");
            using JsonDocument read = JsonDocument.Parse(fresh);
            return !read.RootElement.GetProperty("stale").GetBoolean();
        });

        using JsonDocument current = JsonDocument.Parse(fresh);
        Units(current.RootElement).ShouldBe(160);
        (await ResultsJsonAsync(_b, "demand-test")).ShouldBe(fresh);
        (_a.Results.Analyses, _b.Results.Analyses).ShouldBe((1, 1));
        (await _stores.ScalarAsync<string>("SELECT computed_by FROM results WHERE key LIKE 'results-%'")).ShouldBe(_b.Name);

        // After the new events the first replica asked computes the timeline again, and the other serves what it stored.
        string newer = await TimelineJsonAsync(_b, "demand-test");
        newer.ShouldNotBe(timeline);
        (await TimelineJsonAsync(_a, "demand-test")).ShouldBe(newer);
        (await TimelineJsonAsync(_b, "demand-test")).ShouldBe(newer);
        (_a.Timelines.Computed, _b.Timelines.Computed).ShouldBe((1, 1));
        (await _stores.ScalarAsync<string>("SELECT computed_by FROM results WHERE key LIKE 'timeline-%'")).ShouldBe(_b.Name);
        using JsonDocument read = JsonDocument.Parse(newer);
        read.RootElement.GetProperty("metrics")[0].GetProperty("variations")[0].GetProperty("points").EnumerateArray().Last()
            .GetProperty("units").GetInt64().ShouldBe(80, "the last point counts the treatment's 80 of 160 units");
    }

    [Fact]
    public async Task An_out_of_date_timeline_asked_of_both_replicas_at_the_same_moment_is_computed_once()
    {
        (_a, _b) = Start(refreshInterval: "00:00:00");
        using HttpClient admin = _a.ClientWithKey();
        await ExperimentAsync(admin, "together-test");
        await AppendHalfThroughEachAsync("together-test", 0, 100);
        string timeline = await TimelineJsonAsync(_a, "together-test");
        (await TimelineJsonAsync(_b, "together-test")).ShouldBe(timeline);
        (_a.Timelines.Computed, _b.Timelines.Computed).ShouldBe((1, 0));

        // New events make the stored timeline out of date; both replicas are asked for it at once.
        await AppendHalfThroughEachAsync("together-test", 100, 60);
        string[] answers = await Task.WhenAll(TimelineJsonAsync(_a, "together-test"), TimelineJsonAsync(_b, "together-test"));

        answers[1].ShouldBe(answers[0], "both replicas answer with the one timeline computed");
        answers[0].ShouldNotBe(timeline);
        long computedNow = _a.Timelines.Computed + _b.Timelines.Computed - 1;
        computedNow.ShouldBe(1, "the out-of-date timeline is computed by the one replica that claimed it, not by both");
        string computedBy = _a.Timelines.Computed == 2 ? _a.Name : _b.Name;
        (await _stores.ScalarAsync<string>("SELECT computed_by FROM results WHERE key LIKE 'timeline-%'")).ShouldBe(computedBy);
        (await _stores.ScalarAsync<string>("SELECT COALESCE(claimed_by, 'none') FROM results WHERE key LIKE 'timeline-%'")).ShouldBe("none", "storing gave the claim up");
        using JsonDocument read = JsonDocument.Parse(answers[0]);
        read.RootElement.GetProperty("metrics")[0].GetProperty("variations")[0].GetProperty("points").EnumerateArray().Last()
            .GetProperty("units").GetInt64().ShouldBe(80, "the last point counts the treatment's 80 of 160 units");
    }

    private static long Units(JsonElement results) => results.GetProperty("variations").EnumerateArray().Sum(v => v.GetProperty("units").GetInt64());

    private (Replica A, Replica B) Start(string refreshInterval)
    {
        var a = new Replica(_stores, "replica-a", refreshInterval);
        var b = new Replica(_stores, "replica-b", refreshInterval);
        // Start both (and so their refreshers) now; the first migrates, the other waits for it.
        _ = a.Services;
        _ = b.Services;
        return (a, b);
    }

    private static async Task ExperimentAsync(HttpClient admin, string key)
    {
        await CreateAsync(admin, "metrics", """{"key":"purchase-conversion","type":"conversion","event":"purchase","window":"P7D"}""");
        await CreateExperimentAsync(admin, key, "control", "treatment");
    }

    /// <summary>Exposures and purchases for units [from, from + count), half stored through each replica; returns the rows now stored.</summary>
    private async Task<long> AppendHalfThroughEachAsync(string experiment, int from, int count)
    {
        Exposure[] exposures = [.. Enumerable.Range(from, count).Select(i => Exposure($"u-{i}", experiment, i % 2, i % 600))];
        MetricEvent[] purchases = [.. Enumerable.Range(from, count).Where(i => i % 3 == 0).Select(i => Event($"u-{i}", "purchase", null, (i % 600) + 5))];
        int half = count / 2;
        await AppendAsync(_a, exposures[..half], [.. purchases.Where(p => Index(p) < from + half)]);
        await AppendAsync(_b, exposures[half..], [.. purchases.Where(p => Index(p) >= from + half)]);
        return long.Parse(await _stores.ClickHouseAsync("SELECT (SELECT count() FROM exposures) + (SELECT count() FROM metric_events)"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Index(MetricEvent e) => int.Parse(e.UnitId.AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ResultsJsonAsync(Replica replica, string experiment)
    {
        using HttpClient client = replica.ClientWithKey();
        using HttpResponseMessage response = await client.GetPathAsync($"/api/v1/experiments/{experiment}/results");
        string body = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    private static async Task<string> TimelineJsonAsync(Replica replica, string experiment)
    {
        using HttpClient client = replica.ClientWithKey();
        using HttpResponseMessage response = await client.GetPathAsync($"/api/v1/experiments/{experiment}/results/timeline");
        string body = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return body;
    }

    /// <summary>Waits for a condition without assuming how long the machine takes: up to a minute, checking every 100 ms.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 600; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, ApiTestExtensions.Ct);
        }

        (await condition()).ShouldBeTrue("the condition did not hold within a minute");
    }

    /// <summary>A replica on the shared stores with its name in the leases and its refresh schedule.</summary>
    private sealed class Replica(ReplicaStores stores, string name, string refreshInterval) : FailSmartFactory
    {
        public string Name => name;

        public ResultsService Results => Services.GetRequiredService<ResultsService>();

        public ResultsTimelines Timelines => Services.GetRequiredService<ResultsTimelines>();

        public ResultsRefresher Refresher => Services.GetServices<IHostedService>().OfType<ResultsRefresher>().Single();

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            .. stores.Settings,
            new("Rollouts:Holder", name),
            new("Results:RefreshInterval", refreshInterval),
        ];
    }
}
