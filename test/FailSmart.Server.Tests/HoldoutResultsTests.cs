using System.Net;
using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// Holdout exposures (recorded by OFREP, accepted in SDK batches under "holdout:&lt;key&gt;") and the holdout's
/// long-term comparison, `GET /api/v1/holdouts/{key}/results`.
/// </summary>
public sealed class HoldoutResultsTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string NewKey(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> CreateHoldoutAsync(string flag, int end)
    {
        string key = NewKey("hold");
        await CreateAsync(_admin, "holdouts", $$$"""{"key":"{{{key}}}","salt":"{{{key}}}","buckets":[0,{{{end}}}],"scope":{"flags":["{{{flag}}}"]} }""");
        return key;
    }

    private async Task<string> CreateFlagAsync()
    {
        string key = NewKey("launch");
        await CreateAsync(_admin, "flags", $$$"""
            {"key":"{{{key}}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"all","rollout":{"variation":"on","percentage":100} }]} } }
            """);
        return key;
    }

    private Task<ExposureSummary> SummaryAsync(string holdout) =>
        factory.Services.GetRequiredService<IEventStore>().SummarizeExposuresAsync(
            new ExperimentScope("production", HoldoutArmKeys.AnalysisKey(holdout), 1, DateTimeOffset.UtcNow.AddMinutes(5)), ApiTestExtensions.Ct);

    private async Task<JsonElement> ResultsAsync(string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    private static JsonElement Variation(JsonElement results, string metric, int index) =>
        results.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric)
            .GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("index").GetInt32() == index);

    // 30,000 units, 20% held out; conversion 10% held out and 12% exposed: a planted long-term effect of +20%.
    private static (List<Exposure> Exposures, List<MetricEvent> Events) Planted(string experiment, string eventName)
    {
        var random = new Random(20261207);
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 30_000; i++)
        {
            string unit = $"{eventName}-{i}";
            int side = i % 5 == 0 ? 0 : 1;
            exposures.Add(Exposure(unit, experiment, side, i % 600));
            if (random.NextDouble() < (side == 0 ? 0.10 : 0.12))
            {
                events.Add(Event(unit, eventName, null, (i % 600) + 30));
            }
        }

        return (exposures, events);
    }

    [Fact]
    public async Task Results_a_planted_long_term_effect_is_covered_by_the_interval_and_matches_the_experiment_analysis()
    {
        string flag = await CreateFlagAsync();
        string holdout = await CreateHoldoutAsync(flag, 2_000);
        string metric = NewKey("signup");
        await CreateAsync(_admin, "metrics", $$"""{"key":"{{metric}}","type":"conversion","event":"{{metric}}","window":"P7D"}""");
        string twin = NewKey("twin");
        await CreateAsync(_admin, "experiments", $$"""{"key":"{{twin}}","variations":[{"key":"held-out","weight":0.2},{"key":"exposed","weight":0.8}],"status":"running"}""");
        (List<Exposure> held, List<MetricEvent> events) = Planted(HoldoutArmKeys.AnalysisKey(holdout), metric);
        (List<Exposure> twinExposures, _) = Planted(twin, metric);
        await AppendAsync(factory, [.. held, .. twinExposures], events);

        JsonElement body = await ResultsAsync($"/api/v1/holdouts/{holdout}/results?metrics={metric}&refresh=true");
        JsonElement experiment = await ResultsAsync($"/api/v1/experiments/{twin}/results?metrics={metric}&refresh=true");

        body.GetProperty("holdout").GetString().ShouldBe(holdout);
        body.GetProperty("analysisKey").GetString().ShouldBe("holdout:" + holdout);
        body.GetProperty("heldOutPercentage").GetDouble().ShouldBe(20);
        body.GetProperty("since").GetDateTimeOffset().ShouldBe(Start, TimeSpan.FromMilliseconds(1));
        JsonElement results = body.GetProperty("results");
        results.GetProperty("variations").EnumerateArray().Select(v => (v.GetProperty("key").GetString(), v.GetProperty("units").GetInt64()))
            .ShouldBe([("held-out", 6_000L), ("exposed", 24_000L)]);
        JsonElement exposed = Variation(results, metric, 1);
        exposed.GetProperty("liftLower").GetDouble().ShouldBeLessThan(0.2);
        exposed.GetProperty("liftUpper").GetDouble().ShouldBeGreaterThan(0.2);
        exposed.GetProperty("liftLower").GetDouble().ShouldBeGreaterThan(0);
        exposed.GetProperty("relativeLift").GetDouble().ShouldBe(0.2, 0.1);
        // The same units and events analysed as an experiment give the same numbers.
        foreach (int index in new[] { 0, 1 })
        {
            JsonElement a = Variation(results, metric, index);
            JsonElement b = Variation(experiment, metric, index);
            foreach (string field in new[] { "units", "value", "relativeLift", "liftLower", "liftUpper", "status" })
            {
                a.GetProperty(field).ToString().ShouldBe(b.GetProperty(field).ToString(), $"{field} of variation {index}");
            }
        }
    }

    [Fact]
    public async Task Results_bad_queries_are_refused_with_the_field_and_how_to_fix_it()
    {
        string flag = await CreateFlagAsync();
        string holdout = await CreateHoldoutAsync(flag, 500);

        async Task<JsonElement> ProblemAsync(string query, HttpStatusCode status)
        {
            using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/holdouts/{query}");
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            return await response.ShouldBeProblemAsync(status);
        }

        string Path(JsonElement problem) => problem.GetProperty("errors").EnumerateArray().Single().GetProperty("path").GetString()!;

        Path(await ProblemAsync($"{holdout}/results?environment=nowhere", HttpStatusCode.BadRequest)).ShouldBe("environment");
        Path(await ProblemAsync($"{holdout}/results?metrics=no-such-metric", HttpStatusCode.BadRequest)).ShouldBe("metrics");
        Path(await ProblemAsync($"{holdout}/results?metrics=,", HttpStatusCode.BadRequest)).ShouldBe("metrics");
        Path(await ProblemAsync($"{holdout}/results?refresh=maybe", HttpStatusCode.BadRequest)).ShouldBe("refresh");
        (await ProblemAsync("no-such-holdout/results", HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("no-such-holdout");
    }

    [Fact]
    public async Task Batch_holdout_exposures_are_stored_by_side_and_other_sides_are_refused()
    {
        string flag = await CreateFlagAsync();
        string holdout = await CreateHoldoutAsync(flag, 500);
        using HttpClient sdk = factory.ClientWithKey(await _admin.CreateKeyAsync("server", "production"));
        string key = HoldoutArmKeys.AnalysisKey(holdout);
        string now = DateTimeOffset.UtcNow.ToString("O");
        string Exposure(string unit, string variation) =>
            $$$"""{"id":"{{{unit}}}","type":"exposure","unitId":"{{{unit}}}","timestamp":"{{{now}}}","experiment":"{{{key}}}","variation":"{{{variation}}}"}""";
        string batch = $"[{Exposure(holdout + "-1", "held-out")},{Exposure(holdout + "-2", "exposed")},{Exposure(holdout + "-3", "exposed")},{Exposure(holdout + "-4", "treatment")}]";

        JsonElement body = await (await sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch)).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(3);
        body.GetProperty("rejected").EnumerateArray().Single().GetProperty("reason").GetString()
            .ShouldBe($"variation 'treatment' is not a side of holdout '{key}': held-out, exposed.");
        (await SummaryAsync(holdout)).Variations.ShouldBe([new VariationUnits(0, 1), new VariationUnits(1, 2)], ignoreOrder: true);
    }

    [Fact]
    public async Task Ofrep_evaluations_of_a_flag_in_a_holdouts_scope_record_each_units_side_once()
    {
        string flag = await CreateFlagAsync();
        string holdout = await CreateHoldoutAsync(flag, 3_000);
        using HttpClient client = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));
        string[] units = [.. Enumerable.Range(0, 40).Select(i => $"{holdout}-unit-{i}")];
        var expected = new long[2];
        foreach (string unit in units)
        {
            bool heldOut = BucketHash.BucketV2(holdout, unit) < 3_000;
            expected[heldOut ? 0 : 1]++;
            for (int i = 0; i < 2; i++)
            {
                JsonElement answer = await (await client.SendJsonAsync(HttpMethod.Post, $"/ofrep/v1/evaluate/flags/{flag}", $$$"""{"context":{"targetingKey":"{{{unit}}}"}}""")).JsonAsync();
                answer.GetProperty("value").GetBoolean().ShouldBe(!heldOut);
            }
        }

        ExposureSummary summary = await SummaryAsync(holdout);
        for (int attempt = 0; attempt < 100 && summary.Variations.Sum(v => v.Units) < units.Length; attempt++)
        {
            await Task.Delay(50, ApiTestExtensions.Ct);
            summary = await SummaryAsync(holdout);
        }

        summary.Variations.ShouldBe([.. Enumerable.Range(0, 2).Where(a => expected[a] > 0).Select(a => new VariationUnits(a, expected[a]))], ignoreOrder: true);
        summary.MultipleVariationUnits.ShouldBe(0);
    }
}
