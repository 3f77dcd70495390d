using System.Net;
using System.Text.Json;
using FailSmart.Server.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

public sealed class ResultsTimelineTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/experiments/timeline-copy")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateExperimentAsync(_admin, "timeline-copy", "control", "treatment");
            await CreateExperimentAsync(_admin, "timeline-cache", "control", "treatment");
            await CreateAsync(_admin, "metrics", """{"key":"tl-conversion","type":"conversion","event":"tl-purchase","plannedUnits":8000}""");
            await CreateAsync(_admin, "metrics", """{"key":"tl-quiet","type":"conversion","event":"tl-never"}""");
            await CreateAsync(_admin, "metrics", """{"key":"tl-archived","type":"conversion","event":"tl-purchase"}""");
            (await _admin.DeleteAsync(new Uri("/api/v1/metrics/tl-archived", UriKind.Relative), ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string[] Paths(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!)];

    private async Task<JsonElement> GetAsync(string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    /// <summary>Control converts at 10%, treatment at 15% (a planted +50% lift), spread over the three days before now.</summary>
    private async Task PlantAsync(int units)
    {
        var random = new Random(20261207);
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < units; i++)
        {
            string unit = $"tl-{i}";
            int variation = i % 2;
            int minute = i * 4000 / units;
            exposures.Add(Exposure(unit, "timeline-copy", variation, minute));
            if (random.NextDouble() < (variation == 1 ? 0.15 : 0.10))
            {
                events.Add(Event(unit, "tl-purchase", 1, minute + 20));
            }
        }

        await AppendAsync(factory, exposures, events);
    }

    private static JsonElement[] Points(JsonElement timeline, string metric) =>
        [.. timeline.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric)
            .GetProperty("variations").EnumerateArray().Single().GetProperty("points").EnumerateArray()];

    [Fact]
    public async Task Timeline_ends_at_the_results_numbers_covers_the_planted_effect_and_is_never_narrower_than_fixed_horizon()
    {
        await PlantAsync(8000);

        JsonElement results = await GetAsync("/api/v1/experiments/timeline-copy/results?refresh=true&metrics=tl-conversion");
        JsonElement timeline = await GetAsync("/api/v1/experiments/timeline-copy/results/timeline?metrics=tl-conversion");

        timeline.GetProperty("experiment").GetString().ShouldBe("timeline-copy");
        timeline.GetProperty("phase").GetInt32().ShouldBe(1);
        JsonElement metric = timeline.GetProperty("metrics").EnumerateArray().Single();
        metric.GetProperty("role").GetString().ShouldBe("primary");
        metric.GetProperty("direction").GetString().ShouldBe("increase");
        JsonElement series = metric.GetProperty("variations").EnumerateArray().Single();
        series.GetProperty("index").GetInt32().ShouldBe(1);
        series.GetProperty("key").GetString().ShouldBe("treatment");

        // The first exposure was three days ago: the end of that day and of each day since, then now.
        DateTimeOffset computedAt = timeline.GetProperty("computedAt").GetDateTimeOffset();
        int dayEnds = (int)(computedAt.UtcDateTime.Date - Start.UtcDateTime.Date).TotalDays;
        dayEnds.ShouldBeInRange(3, 4);
        JsonElement[] points = Points(timeline, "tl-conversion");
        points.Length.ShouldBe(dayEnds + 1);
        DateTimeOffset[] asOf = [.. points.Select(p => p.GetProperty("asOf").GetDateTimeOffset())];
        asOf.ShouldBe(asOf.Order().ToArray());
        asOf[..^1].ShouldAllBe(t => t.TimeOfDay == new TimeSpan(0, 23, 59, 59, 999) && t.Offset == TimeSpan.Zero);
        asOf[0].UtcDateTime.Date.ShouldBe(Start.UtcDateTime.Date);
        asOf[^1].ShouldBe(computedAt);

        for (int i = 1; i < points.Length; i++)
        {
            points[i].GetProperty("controlUnits").GetInt64().ShouldBeGreaterThanOrEqualTo(points[i - 1].GetProperty("controlUnits").GetInt64());
            points[i].GetProperty("units").GetInt64().ShouldBeGreaterThanOrEqualTo(points[i - 1].GetProperty("units").GetInt64());
        }

        foreach (JsonElement point in points.Where(p => p.GetProperty("relativeLift").ValueKind == JsonValueKind.Number))
        {
            point.GetProperty("fixedLower").GetDouble().ShouldBeGreaterThan(point.GetProperty("lower").GetDouble());
            point.GetProperty("fixedUpper").GetDouble().ShouldBeLessThan(point.GetProperty("upper").GetDouble());
            point.GetProperty("fixedLower").GetDouble().ShouldBeLessThan(point.GetProperty("relativeLift").GetDouble());
            point.GetProperty("fixedUpper").GetDouble().ShouldBeGreaterThan(point.GetProperty("relativeLift").GetDouble());
        }

        JsonElement last = points[^1];
        JsonElement[] arms = [.. results.GetProperty("metrics")[0].GetProperty("variations").EnumerateArray()];
        last.GetProperty("controlUnits").GetInt64().ShouldBe(arms[0].GetProperty("units").GetInt64());
        last.GetProperty("units").GetInt64().ShouldBe(arms[1].GetProperty("units").GetInt64());
        last.GetProperty("controlUnits").GetInt64().ShouldBe(4000);
        last.GetProperty("relativeLift").GetDouble().ShouldBe(arms[1].GetProperty("relativeLift").GetDouble(), 1e-12);
        last.GetProperty("lower").GetDouble().ShouldBe(arms[1].GetProperty("liftLower").GetDouble(), 1e-12);
        last.GetProperty("upper").GetDouble().ShouldBe(arms[1].GetProperty("liftUpper").GetDouble(), 1e-12);
        last.GetProperty("lower").GetDouble().ShouldBeLessThan(0.5);
        last.GetProperty("upper").GetDouble().ShouldBeGreaterThan(0.5);
        last.GetProperty("lower").GetDouble().ShouldBeGreaterThan(0);

        // Earlier points see fewer units: the first day's end sees only that day's exposures.
        points[0].GetProperty("controlUnits").GetInt64().ShouldBeLessThan(4000);

        // A metric nobody converted on has units at every point and no lift to state.
        JsonElement quiet = await GetAsync("/api/v1/experiments/timeline-copy/results/timeline?metrics=tl-quiet");
        JsonElement[] quietPoints = Points(quiet, "tl-quiet");
        quietPoints[^1].GetProperty("units").GetInt64().ShouldBe(4000);
        quietPoints.ShouldAllBe(p => p.GetProperty("relativeLift").ValueKind == JsonValueKind.Null && p.GetProperty("lower").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Timeline_is_computed_once_while_nothing_changed_and_again_after_new_events()
    {
        ResultsTimelines timelines = factory.Services.GetRequiredService<ResultsTimelines>();
        await AppendAsync(factory, [Exposure("cache-0", "timeline-cache", 0, 10), Exposure("cache-1", "timeline-cache", 1, 10)], []);
        long before = timelines.Computed;

        JsonElement[] both = await Task.WhenAll(
            GetAsync("/api/v1/experiments/timeline-cache/results/timeline?metrics=tl-quiet"),
            GetAsync("/api/v1/experiments/timeline-cache/results/timeline?metrics=tl-quiet"));
        JsonElement again = await GetAsync("/api/v1/experiments/timeline-cache/results/timeline?metrics=tl-quiet");

        timelines.Computed.ShouldBe(before + 1);
        again.GetProperty("computedAt").GetDateTimeOffset().ShouldBe(both[0].GetProperty("computedAt").GetDateTimeOffset());
        both[1].GetProperty("computedAt").GetDateTimeOffset().ShouldBe(both[0].GetProperty("computedAt").GetDateTimeOffset());

        await AppendAsync(factory, [Exposure("cache-2", "timeline-cache", 1, 20)], []);
        JsonElement after = await GetAsync("/api/v1/experiments/timeline-cache/results/timeline?metrics=tl-quiet");

        timelines.Computed.ShouldBe(before + 2);
        Points(after, "tl-quiet")[^1].GetProperty("units").GetInt64().ShouldBe(Points(again, "tl-quiet")[^1].GetProperty("units").GetInt64() + 1);
    }

    [Fact]
    public async Task Timeline_is_stored_for_every_replica_and_never_refreshed_as_a_results_query()
    {
        await AppendAsync(factory, [Exposure("stored-0", "timeline-cache", 0, 30), Exposure("stored-1", "timeline-cache", 1, 30)], []);

        JsonElement served = await GetAsync("/api/v1/experiments/timeline-cache/results/timeline?metrics=tl-conversion");

        IResultStore store = factory.Services.GetRequiredService<IResultStore>();
        StoredResultRequest[] timelines = [.. (await store.ListResultRequestsAsync(ApiTestExtensions.Ct))
            .Where(r => r.Key.StartsWith("timeline-", StringComparison.Ordinal) && r.Request.Contains("tl-conversion", StringComparison.Ordinal)
                && r.Request.Contains("timeline-cache", StringComparison.Ordinal))];
        timelines.Length.ShouldBe(1, "the timeline is kept in the shared store, once");
        StoredResult stored = (await store.GetResultAsync(timelines[0].Key, ApiTestExtensions.Ct))!;
        JsonDocument.Parse(stored.Document).RootElement.GetProperty("computedAt").GetDateTimeOffset()
            .ShouldBe(served.GetProperty("computedAt").GetDateTimeOffset(), "the replica serves the document it stored");
        stored.StoredRows.ShouldBe(await factory.Services.GetRequiredService<IEventStore>().StoredRowsAsync(ApiTestExtensions.Ct));

        // The scheduled refresh repeats results queries only, never a timeline's row.
        (await factory.Services.GetRequiredService<ResultsService>().StoredRequestsAsync(ApiTestExtensions.Ct))
            .ShouldNotContain(r => r.Experiment.Key == "timeline-cache" && r.MetricKeys.SequenceEqual(new[] { "tl-conversion" }));
    }

    [Fact]
    public async Task Timeline_unknown_experiment_is_404()
    {
        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/experiments/no-such-test/results/timeline");
        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("no-such-test");
    }

    [Theory]
    [InlineData("phase=abc", "phase")]
    [InlineData("phase=-1", "phase")]
    [InlineData("phase=0", "phase")]
    [InlineData("phase=9", "phase")]
    [InlineData("phase=99999999999999999999", "phase")]
    [InlineData("metrics=no-such-metric", "metrics")]
    [InlineData("metrics=tl-archived", "metrics")]
    [InlineData("metrics=,", "metrics")]
    [InlineData("environment=mars", "environment")]
    public async Task Timeline_bad_query_is_400_naming_the_parameter(string query, string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/timeline-copy/results/timeline?{query}");
        Paths(await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldContain(path);
    }

    [Fact]
    public async Task Timeline_without_admin_key_is_401()
    {
        using HttpClient anonymous = factory.ClientWithKey(null);
        using HttpResponseMessage response = await anonymous.GetPathAsync("/api/v1/experiments/timeline-copy/results/timeline");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
