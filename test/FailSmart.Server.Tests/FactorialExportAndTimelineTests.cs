using System.Globalization;
using System.Net;
using System.Text.Json;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// A factorial launch beyond the results page: the CSV download carries each main effect, interaction and the bundle
/// with the results API's numbers, and the timeline ends at those numbers.
/// </summary>
public sealed class FactorialExportAndTimelineTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/metrics/fe-conversion")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(_admin, "metrics", """{"key":"fe-conversion","type":"conversion","event":"fe-purchase","window":"P7D"}""");
            await CreateAsync(_admin, "metrics", """{"key":"fe-revenue","type":"sum","event":"fe-purchase"}""");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// search +6 points of conversion, badges −5, over three days; an order with both on is worth 40 more, so revenue
    /// interacts. Variation i is cell FactorialCells.All(2)[i]: 00, 01, 10, 11.
    /// </summary>
    private async Task PlantAsync(string experiment, int units)
    {
        await CreateAsync(_admin, "experiments", $$"""
            {"key":"{{experiment}}","status":"running","factorial":{"features":[{"flag":"search"},{"flag":"badges"}]},
             "metrics":[{"key":"fe-conversion","role":"primary","minimumEffect":0.1},{"key":"fe-revenue","role":"secondary"}]}
            """);
        var random = new Random(20261207);
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = 0; i < units; i++)
        {
            string unit = $"{experiment}-{i}";
            int variation = i % 4;
            bool badges = (variation & 1) != 0, search = (variation & 2) != 0;
            int minute = i * 4000 / units;
            exposures.Add(Exposure(unit, experiment, variation, minute));
            if (random.NextDouble() < 0.10 + (search ? 0.03 : -0.03) + (badges ? -0.025 : 0.025))
            {
                events.Add(Event(unit, "fe-purchase", 50 + (search && badges ? 40 : 0) + ((random.NextDouble() - 0.5) * 20), minute + 20));
            }
        }

        await AppendAsync(factory, exposures, events);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    private static JsonElement Metric(JsonElement answer, string metric) =>
        answer.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric);

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Csv_of_a_factorial_launch_has_each_main_effect_interaction_and_the_bundle_with_the_results_apis_numbers()
    {
        await PlantAsync("fe-csv", 8000);
        JsonElement json = await GetAsync("/api/v1/experiments/fe-csv/results?refresh=true");

        // The download is written from the results service's answer, which the API serves too.
        ServiceResult<ExperimentResultsResponse> answer = await factory.Services.GetRequiredService<IExperimentResultsService>()
            .GetAsync(new ResultsQuery("fe-csv"), ApiTestExtensions.Ct);
        string[] lines = ResultsCsv.Write(answer.Value.ShouldNotBeNull()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        // Keys and term names hold no separators, so a plain split reads every cell.
        Dictionary<string, string>[] rows = [.. lines[1..].Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];

        foreach (string metric in new[] { "fe-conversion", "fe-revenue" })
        {
            JsonElement factorial = Metric(json, metric).GetProperty("factorial");
            Dictionary<string, string>[] terms = [.. rows.Where(r => r["metric"] == metric && r["term_kind"] != "variation")];
            JsonElement[] mains = [.. factorial.GetProperty("mainEffects").EnumerateArray()];
            JsonElement[] interactions = [.. factorial.GetProperty("interactions").EnumerateArray()];
            terms.Select(r => (r["term_kind"], r["term"])).ShouldBe(
            [
                ("main-effect", "search"), ("main-effect", "badges"), ("interaction", interactions.Single().GetProperty("name").GetString()!), ("bundle", "bundle"),
            ]);
            JsonElement[] effects = [.. mains.Concat(interactions).Select(t => t.GetProperty("effect")), factorial.GetProperty("bundle")];
            JsonElement test = factorial.GetProperty("interactionTest");
            long units = factorial.GetProperty("cells").EnumerateArray().Sum(c => c.GetProperty("units").GetInt64());
            units.ShouldBe(8000);
            foreach ((Dictionary<string, string> row, JsonElement effect) in terms.Zip(effects))
            {
                Number(row["absolute_effect"]).ShouldBe(effect.GetProperty("estimate").GetDouble());
                Number(row["absolute_lower"]).ShouldBe(effect.GetProperty("lower").GetDouble());
                Number(row["absolute_upper"]).ShouldBe(effect.GetProperty("upper").GetDouble());
                Number(row["p_value"]).ShouldBe(effect.GetProperty("pValue").GetDouble());
                Number(row["standard_error"]).ShouldBe(effect.GetProperty("standardError").GetDouble());
                Number(row["interaction_chi_square"]).ShouldBe(test.GetProperty("chiSquare").GetDouble());
                int.Parse(row["interaction_df"], CultureInfo.InvariantCulture).ShouldBe(test.GetProperty("degreesOfFreedom").GetInt32());
                Number(row["interaction_p_value"]).ShouldBe(test.GetProperty("pValue").GetDouble());
                long.Parse(row["units"], CultureInfo.InvariantCulture).ShouldBe(units);
                row["checks"].ShouldBe("ok");
            }

            terms.Select(r => r["reading"]).ShouldBe([.. mains.Concat(interactions).Select(t => t.GetProperty("reading").GetString()), ""]);
        }

        // The planted effects are where the rows say: search helps conversion, badges hurts it, and revenue interacts.
        Dictionary<string, string> search = rows.Single(r => r["metric"] == "fe-conversion" && r["term"] == "search");
        Number(search["absolute_lower"]).ShouldBeGreaterThan(0);
        search["reading"].ShouldBe("helps");
        Number(rows.First(r => r["metric"] == "fe-revenue" && r["term_kind"] == "interaction")["interaction_p_value"]).ShouldBeLessThan(0.001);
        rows.Count(r => r["term_kind"] == "variation").ShouldBe(2 * 4);
    }

    [Fact]
    public async Task Timeline_of_a_factorial_launch_shows_each_main_effect_and_the_bundle_day_by_day_ending_at_the_results()
    {
        await PlantAsync("fe-timeline", 8000);
        JsonElement results = await GetAsync("/api/v1/experiments/fe-timeline/results?refresh=true&metrics=fe-conversion");
        JsonElement timeline = await GetAsync("/api/v1/experiments/fe-timeline/results/timeline?metrics=fe-conversion");

        JsonElement metric = Metric(timeline, "fe-conversion");
        JsonElement[] series = [.. metric.GetProperty("factorial").EnumerateArray()];
        series.Select(s => (s.GetProperty("kind").GetString(), s.GetProperty("name").GetString()))
            .ShouldBe([("main-effect", "search"), ("main-effect", "badges"), ("bundle", "bundle")]);
        JsonElement[] cellPoints = [.. metric.GetProperty("variations")[0].GetProperty("points").EnumerateArray()];
        JsonElement factorial = Metric(results, "fe-conversion").GetProperty("factorial");
        JsonElement[] expected = [.. factorial.GetProperty("mainEffects").EnumerateArray().Select(t => t.GetProperty("effect")), factorial.GetProperty("bundle")];
        foreach ((JsonElement line, JsonElement effect) in series.Zip(expected))
        {
            JsonElement[] points = [.. line.GetProperty("points").EnumerateArray()];
            points.Select(p => p.GetProperty("asOf").GetDateTimeOffset()).ShouldBe(cellPoints.Select(p => p.GetProperty("asOf").GetDateTimeOffset()));
            for (int i = 1; i < points.Length; i++)
            {
                points[i].GetProperty("units").GetInt64().ShouldBeGreaterThanOrEqualTo(points[i - 1].GetProperty("units").GetInt64());
            }

            points[0].GetProperty("units").GetInt64().ShouldBeLessThan(8000);
            JsonElement last = points[^1];
            last.GetProperty("units").GetInt64().ShouldBe(8000);
            last.GetProperty("estimate").GetDouble().ShouldBe(effect.GetProperty("estimate").GetDouble(), 1e-12);
            last.GetProperty("lower").GetDouble().ShouldBe(effect.GetProperty("lower").GetDouble(), 1e-12);
            last.GetProperty("upper").GetDouble().ShouldBe(effect.GetProperty("upper").GetDouble(), 1e-12);
            last.GetProperty("pValue").GetDouble().ShouldBe(effect.GetProperty("pValue").GetDouble(), 1e-12);
            foreach (JsonElement point in points.Where(p => p.GetProperty("estimate").ValueKind == JsonValueKind.Number))
            {
                point.GetProperty("lower").GetDouble().ShouldBeLessThan(point.GetProperty("estimate").GetDouble());
                point.GetProperty("upper").GetDouble().ShouldBeGreaterThan(point.GetProperty("estimate").GetDouble());
            }
        }
    }

    [Fact]
    public async Task Timeline_of_an_ordinary_experiment_has_no_factorial_series()
    {
        await CreateExperimentAsync(_admin, "fe-ordinary", "control", "treatment");
        await AppendAsync(factory, [Exposure("fo-1", "fe-ordinary", 0, 1), Exposure("fo-2", "fe-ordinary", 1, 1)], []);

        JsonElement timeline = await GetAsync("/api/v1/experiments/fe-ordinary/results/timeline?metrics=fe-conversion");

        Metric(timeline, "fe-conversion").GetProperty("factorial").ValueKind.ShouldBe(JsonValueKind.Null);
    }
}
