using System.Net;
using System.Text.Json;
using FailSmart.Storage.Events;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// Values that ingestion would refuse, written straight into the store (as an older release or another
/// writer could have), must still give a result: the metrics they break say so, the others are analysed.
/// </summary>
public sealed class ExtremeValueResultsTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        await CreateAsync(_admin, "metrics", """{"key":"huge-sum","type":"sum","event":"huge"}""");
        await CreateAsync(_admin, "metrics", """{"key":"huge-mean","type":"mean","event":"huge"}""");
        await CreateAsync(_admin, "metrics", """{"key":"huge-cuped","type":"sum","event":"huge","cupedWindow":"P7D"}""");
        await CreateAsync(_admin, "metrics", """{"key":"huge-p50","type":"quantile","event":"huge","quantile":0.5}""");
        await CreateAsync(_admin, "metrics", """{"key":"squares-overflow","type":"sum","event":"big"}""");
        await CreateAsync(_admin, "metrics", """{"key":"visits","type":"count","event":"visit"}""");
        await CreateExperimentAsync(_admin, "huge-test", "control", "treatment");
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < 40; i++)
        {
            string unit = $"huge-{i}";
            exposures.Add(Exposure(unit, "huge-test", i % 2, 10, i % 4 < 2 ? "SE" : "NO"));
            events.Add(Event(unit, "huge", 1.7e308, 20));
            events.Add(Event(unit, "huge", 1.7e308, 21)); // two of them: the unit's sum is already beyond double
            events.Add(Event(unit, "huge", -1.7e308, 2)); // before exposure: the CUPED covariate
            events.Add(Event(unit, "big", 1e200 * (1 + (i % 3)), 20)); // a finite sum whose squares overflow
            events.Add(Event(unit, "visit", null, 20 + (i % 5)));
            if (i % 3 == 0)
            {
                events.Add(Event(unit, "visit", null, 40));
            }
        }

        await AppendAsync(factory, exposures, events);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> ResultsAsync(string query)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/huge-test/results{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    private static JsonElement Metric(JsonElement results, string key) =>
        results.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == key);

    [Fact]
    public async Task Results_with_values_beyond_double_range_answer_200_and_say_which_metrics_cannot_be_computed()
    {
        const string Query = "?metrics=huge-sum,huge-mean,huge-cuped,huge-p50,squares-overflow,visits&breakdown=country";

        JsonElement fresh = await ResultsAsync(Query + "&refresh=true");
        JsonElement cached = await ResultsAsync(Query);

        foreach (JsonElement results in new[] { fresh, cached })
        {
            foreach (string broken in new[] { "huge-sum", "huge-mean", "huge-cuped", "squares-overflow" })
            {
                JsonElement metric = Metric(results, broken);
                metric.GetProperty("problem").GetString()!.ShouldContain("beyond the range", customMessage: broken);
                JsonElement treatment = metric.GetProperty("variations")[1];
                treatment.GetProperty("status").ValueKind.ShouldBe(JsonValueKind.Null, broken);
                treatment.GetProperty("relativeLift").ValueKind.ShouldBe(JsonValueKind.Null, broken);
                treatment.GetProperty("message").GetString()!.ShouldContain("beyond the range", customMessage: broken);
            }

            Metric(results, "huge-sum").GetProperty("variations")[0].GetProperty("sum").ValueKind.ShouldBe(JsonValueKind.Null);
            Metric(results, "squares-overflow").GetProperty("variations")[0].GetProperty("sum").GetDouble().ShouldBe(20 * 1e200 * 2, 1e190);
            Metric(results, "squares-overflow").GetProperty("variations")[0].GetProperty("sumOfSquares").ValueKind.ShouldBe(JsonValueKind.Null);
            Metric(results, "huge-sum").GetProperty("breakdown").GetProperty("segments").EnumerateArray()
                .ShouldAllBe(s => s.GetProperty("relativeLift").ValueKind == JsonValueKind.Null);

            // The quantile needs only order, not sums, and the metric without extreme values is analysed as usual.
            JsonElement median = Metric(results, "huge-p50");
            median.GetProperty("problem").ValueKind.ShouldBe(JsonValueKind.Null);
            median.GetProperty("variations")[0].GetProperty("value").GetDouble().ShouldBe(1.7e308);
            JsonElement visits = Metric(results, "visits");
            visits.GetProperty("problem").ValueKind.ShouldBe(JsonValueKind.Null);
            visits.GetProperty("variations")[0].GetProperty("sum").GetDouble().ShouldBe(20 + 7);
            visits.GetProperty("variations")[1].GetProperty("status").GetString().ShouldNotBeNull();
        }
    }
}
