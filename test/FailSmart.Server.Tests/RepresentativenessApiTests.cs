using System.Net;
using System.Text;
using System.Text.Json;
using FailSmart.Statistics;
using FailSmart.Storage.Events;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// A one-market pilot against the launch markets: a cohort planted 80% NZ while the target is 10% NZ, with an effect
/// in NZ only. The endpoint's mix, reweighted effect and warning equal the Statistics library's for the same sums.
/// </summary>
public sealed class RepresentativenessApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private const double Tolerance = 1e-9;

    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/experiments/nz-pilot")).StatusCode != HttpStatusCode.NotFound)
        {
            return;
        }

        await CreateAsync(_admin, "metrics", """{"key":"pilot-conversion","type":"conversion","event":"pilot-purchase","window":"P7D"}""");
        await CreateExperimentAsync(_admin, "nz-pilot", "control", "treatment");
        await CreateExperimentAsync(_admin, "everyone", "control", "treatment");
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        // NZ: 400 units per arm, 10% convert in control and 30% in treatment. US: 100 per arm, 10% in both.
        foreach ((string country, int perArm, int treatedPerTen) in new[] { ("NZ", 400, 3), ("US", 100, 1) })
        {
            for (int i = 0; i < 2 * perArm; i++)
            {
                int variation = i % 2;
                string unit = $"pilot-{country}-{i}";
                exposures.Add(Exposure(unit, "nz-pilot", variation, i % 600, country));
                if ((i / 2) % 10 < (variation == 1 ? treatedPerTen : 1))
                {
                    events.Add(Event(unit, "pilot-purchase", null, (i % 600) + 30));
                }
            }
        }

        // Another experiment's 1,000 US units: part of "all exposures" but not of the pilot's cohort.
        exposures.AddRange(Enumerable.Range(0, 1000).Select(i => Exposure($"other-{i}", "everyone", i % 2, i % 600, "US")));
        await AppendAsync(factory, exposures, events);
        using HttpResponseMessage put = await _admin.PutAsync(new Uri("/api/v1/populations/launch-markets", UriKind.Relative),
            new StringContent("country,units\nNZ,100\nUS,900\nDE,1000\n", Encoding.UTF8, "text/csv"), ApiTestExtensions.Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> GetAsync(string query)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/nz-pilot/representativeness?metrics=pilot-conversion&{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    private static void ShouldEqual(JsonElement actual, NormalEstimate expected)
    {
        actual.GetProperty("estimate").GetDouble().ShouldBe(expected.Estimate, Tolerance);
        actual.GetProperty("standardError").GetDouble().ShouldBe(expected.StandardError, Tolerance);
        actual.GetProperty("lower").GetDouble().ShouldBe(expected.ConfidenceInterval.Lower, Tolerance);
        actual.GetProperty("upper").GetDouble().ShouldBe(expected.ConfidenceInterval.Upper, Tolerance);
        actual.GetProperty("pValue").GetDouble().ShouldBe(expected.PValue, Tolerance);
    }

    [Fact]
    public async Task A_pilot_skewed_to_one_market_shows_its_mix_the_reweighted_effect_the_uncovered_market_and_the_warning()
    {
        JsonElement result = await GetAsync("population=launch-markets");

        AttributeDifference mix = CohortMix.Compare([new AttributeMix("country", [new StratumMix("DE", 0, 1000), new StratumMix("NZ", 800, 100), new StratumMix("US", 200, 900)])]).Single();
        PostStratifiedEffect expected = PostStratification.Estimate(
        [
            new StratumArms("DE", new MeanStatistics(0, 0, 0), new MeanStatistics(0, 0, 0), 1000),
            new StratumArms("NZ", new MeanStatistics(400, 40, 40), new MeanStatistics(400, 120, 120), 100),
            new StratumArms("US", new MeanStatistics(100, 10, 10), new MeanStatistics(100, 10, 10), 900),
        ]);
        result.GetProperty("target").GetProperty("population").GetString().ShouldBe("launch-markets");
        JsonElement attribute = result.GetProperty("attributes").EnumerateArray().Single();
        attribute.GetProperty("attribute").GetString().ShouldBe("country");
        attribute.GetProperty("chiSquare").GetDouble().ShouldBe(mix.ChiSquare, Tolerance);
        attribute.GetProperty("degreesOfFreedom").GetInt32().ShouldBe(2);
        attribute.GetProperty("pValue").GetDouble().ShouldBe(mix.PValue, Tolerance);
        attribute.GetProperty("levels").EnumerateArray().Select(l => (l.GetProperty("level").GetString(), l.GetProperty("cohortUnits").GetDouble(), l.GetProperty("targetUnits").GetDouble()))
            .ShouldBe([("DE", 0.0, 1000.0), ("NZ", 800.0, 100.0), ("US", 200.0, 900.0)]);
        attribute.GetProperty("levels")[1].GetProperty("standardizedDifference").GetDouble().ShouldBe(mix.Levels[1].StandardizedDifference, Tolerance);

        JsonElement effect = result.GetProperty("effects").EnumerateArray().Single();
        (effect.GetProperty("metric").GetString(), effect.GetProperty("attribute").GetString(), effect.GetProperty("variation").GetString())
            .ShouldBe(("pilot-conversion", "country", "treatment"));
        ShouldEqual(effect.GetProperty("plain"), expected.Plain);
        ShouldEqual(effect.GetProperty("reweighted"), expected.Reweighted);
        ShouldEqual(effect.GetProperty("cohortWeighted"), expected.CohortWeighted);
        // NZ's 20-point effect is 80% of the cohort; reweighted to NZ 10% and US 90% it is 2 points.
        effect.GetProperty("plain").GetProperty("estimate").GetDouble().ShouldBe(0.16, Tolerance);
        effect.GetProperty("reweighted").GetProperty("estimate").GetDouble().ShouldBe(0.02, Tolerance);
        effect.GetProperty("coveredTargetShare").GetDouble().ShouldBe(0.5, Tolerance);
        effect.GetProperty("uncoveredLevels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["DE"]);
        effect.GetProperty("heterogeneity").GetProperty("q").GetDouble().ShouldBe(expected.Heterogeneity.Q, Tolerance);
        effect.GetProperty("heterogeneity").GetProperty("iSquared").GetDouble().ShouldBe(expected.Heterogeneity.ISquared, Tolerance);
        (effect.GetProperty("dominantLevel").GetString(), effect.GetProperty("mayNotCarryOver").GetBoolean()).ShouldBe(("NZ", true));
        effect.GetProperty("explanation").GetString().ShouldBe(expected.Explanation);
        effect.GetProperty("explanation").GetString().ShouldNotBeNull().ShouldContain("may not carry over");
    }

    [Fact]
    public async Task All_exposures_as_the_target_counts_every_experiments_units_in_the_window()
    {
        JsonElement result = await GetAsync($"population=all-exposures&attributes=country&from={Uri.EscapeDataString(Start.AddDays(-1).ToString("O"))}");

        result.GetProperty("target").GetProperty("kind").GetString().ShouldBe("all-exposures");
        result.GetProperty("attributes")[0].GetProperty("levels").EnumerateArray().Select(l => (l.GetProperty("level").GetString(), l.GetProperty("cohortUnits").GetDouble(), l.GetProperty("targetUnits").GetDouble()))
            .ShouldBe([("NZ", 800.0, 800.0), ("US", 200.0, 1200.0)]);
        JsonElement effect = result.GetProperty("effects")[0];
        effect.GetProperty("reweighted").GetProperty("estimate").GetDouble().ShouldBe((0.2 * 800 / 2000) + (0.0 * 1200 / 2000), Tolerance);
        effect.GetProperty("uncoveredLevels").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("metrics=pilot-conversion", "population")]
    [InlineData("population=nowhere", "population")]
    [InlineData("population=launch-markets&attributes=plan", "attributes")]
    [InlineData("population=launch-markets&attributes=bad%20name", "attributes")]
    [InlineData("population=launch-markets&from=2026-01-01T00:00:00Z", "from")]
    [InlineData("population=all-exposures", "attributes")]
    [InlineData("population=all-exposures&attributes=country&from=yesterday", "from")]
    [InlineData("population=all-exposures&attributes=country&from=2020-01-01T00:00:00Z", "from")]
    [InlineData("population=launch-markets&phase=7", "phase")]
    public async Task A_bad_query_is_refused_naming_the_parameter(string query, string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/nz-pilot/representativeness?{query}");

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldContain(path);
    }

    [Fact]
    public async Task An_unknown_experiment_is_not_found()
    {
        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/experiments/nobody/representativeness?population=launch-markets");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
