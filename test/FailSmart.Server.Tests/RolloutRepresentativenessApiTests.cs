using System.Net;
using System.Text;
using System.Text.Json;
using FailSmart.Application.Rollouts;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// A guarded rollout's cohort against the launch markets. The same units and conversions are planted twice: once as
/// an experiment (control and treatment) and once as the rollout's arms, with a fifth of the control held back
/// rather than not yet in. The rollout's gates pool not-yet with the holdback, so its reading must equal the
/// experiment's, number for number (the experiment's own are checked against the Statistics library in
/// <see cref="RepresentativenessApiTests"/>).
/// </summary>
public sealed class RolloutRepresentativenessApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private const string Flag = "rr-checkout";
    private const string Path = $"/api/v1/rollouts/production/{Flag}/ramp/representativeness";
    private const double Tolerance = 1e-12;

    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync($"/api/v1/flags/{Flag}")).StatusCode != HttpStatusCode.NotFound)
        {
            return;
        }

        await CreateAsync(_admin, "metrics", """{"key":"rr-conversion","type":"conversion","event":"rr-purchase","window":"P7D"}""");
        await CreateAsync(_admin, "metrics", """{"key":"rr-clicks","type":"conversion","event":"rr-click","window":"P7D"}""");
        await CreateExperimentAsync(_admin, "rr-twin", "control", "treatment");
        await CreateAsync(_admin, "flags", $$"""
            {"key":"{{Flag}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{
                 "stages":[{"percentage":50},{"percentage":100}],"holdback":10,
                 "metrics":[{"key":"rr-conversion","role":"guardrail"},{"key":"rr-clicks","role":"secondary"}] } } } ] } } }
            """);
        await factory.Services.GetRequiredService<IRolloutEngine>().LookAsync(ApiTestExtensions.Ct);

        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        // NZ: 400 units per arm, 10% convert without the feature and 30% with it. US: 100 per arm, 10% in both.
        foreach ((string country, int perArm, int treatedPerTen) in new[] { ("NZ", 400, 3), ("US", 100, 1) })
        {
            for (int i = 0; i < 2 * perArm; i++)
            {
                int variation = i % 2;
                string unit = $"rr-{country}-{i}";
                exposures.Add(Exposure(unit, "rr-twin", variation, i % 600, country));
                int arm = variation == 1 ? 1 : (i / 2) % 5 == 0 ? 2 : 0;
                exposures.Add(Exposure(unit, $"rollout:{Flag}:ramp", arm, i % 600, country));
                if ((i / 2) % 10 < (variation == 1 ? treatedPerTen : 1))
                {
                    events.Add(Event(unit, "rr-purchase", null, (i % 600) + 30));
                }
            }
        }

        await AppendAsync(factory, exposures, events);
        using HttpResponseMessage put = await _admin.PutAsync(new Uri("/api/v1/populations/rr-markets", UriKind.Relative),
            new StringContent("country,units\nNZ,100\nUS,900\nDE,1000\n", Encoding.UTF8, "text/csv"), ApiTestExtensions.Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<JsonElement> OkAsync(string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    [Fact]
    public async Task A_rollouts_cohort_pools_not_yet_with_the_holdback_and_reads_exactly_as_the_same_units_as_an_experiment()
    {
        JsonElement rollout = await OkAsync($"{Path}?population=rr-markets");
        JsonElement experiment = await OkAsync("/api/v1/experiments/rr-twin/representativeness?population=rr-markets&metrics=rr-conversion");

        (rollout.GetProperty("experiment").GetString(), rollout.GetProperty("environment").GetString(), rollout.GetProperty("phase").GetInt32())
            .ShouldBe(($"rollout:{Flag}:ramp", "production", 1));
        rollout.GetProperty("target").GetProperty("population").GetString().ShouldBe("rr-markets");
        rollout.GetProperty("attributes").GetRawText().ShouldBe(experiment.GetProperty("attributes").GetRawText());
        rollout.GetProperty("attributes")[0].GetProperty("levels").EnumerateArray()
            .Select(l => (l.GetProperty("level").GetString(), l.GetProperty("cohortUnits").GetDouble())).ShouldBe([("DE", 0.0), ("NZ", 800.0), ("US", 200.0)]);

        // Only the guardrail is read by default, as the rollout's gates read only guardrails.
        JsonElement effect = rollout.GetProperty("effects").EnumerateArray().ShouldHaveSingleItem();
        JsonElement twin = experiment.GetProperty("effects").EnumerateArray().ShouldHaveSingleItem();
        (effect.GetProperty("metric").GetString(), effect.GetProperty("variation").GetString()).ShouldBe(("rr-conversion", "in"));
        foreach (string estimate in new[] { "plain", "cohortWeighted", "reweighted" })
        {
            foreach (string field in new[] { "estimate", "standardError", "lower", "upper", "pValue" })
            {
                effect.GetProperty(estimate).GetProperty(field).GetDouble().ShouldBe(twin.GetProperty(estimate).GetProperty(field).GetDouble(), Tolerance, $"{estimate}.{field}");
            }
        }

        effect.GetProperty("plain").GetProperty("estimate").GetDouble().ShouldBe(0.16, Tolerance);
        effect.GetProperty("reweighted").GetProperty("estimate").GetDouble().ShouldBe(0.02, Tolerance);
        effect.GetProperty("heterogeneity").GetRawText().ShouldBe(twin.GetProperty("heterogeneity").GetRawText());
        (effect.GetProperty("dominantLevel").GetString(), effect.GetProperty("mayNotCarryOver").GetBoolean()).ShouldBe(("NZ", true));
        effect.GetProperty("explanation").GetString().ShouldBe(twin.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Named_metrics_replace_the_guardrails()
    {
        JsonElement rollout = await OkAsync($"{Path}?population=rr-markets&metrics=rr-clicks,rr-conversion&phase=1");

        rollout.GetProperty("effects").EnumerateArray().Select(e => e.GetProperty("metric").GetString()).ShouldBe(["rr-clicks", "rr-conversion"]);
        rollout.GetProperty("effects")[0].GetProperty("plain").GetProperty("estimate").GetDouble().ShouldBe(0, Tolerance);
    }

    [Theory]
    [InlineData("", "population")]
    [InlineData("population=nowhere", "population")]
    [InlineData("population=rr-markets&attributes=plan", "attributes")]
    [InlineData("population=rr-markets&attributes=bad%20name", "attributes")]
    [InlineData("population=rr-markets&phase=7", "phase")]
    [InlineData("population=rr-markets&phase=first", "phase")]
    [InlineData("population=rr-markets&metrics=nothing", "metrics")]
    [InlineData("population=all-exposures&attributes=country&from=yesterday", "from")]
    public async Task A_bad_query_is_refused_naming_the_parameter_and_changes_nothing(string query, string path)
    {
        JsonElement before = await OkAsync($"/api/v1/rollouts/production/{Flag}/ramp");

        using HttpResponseMessage response = await _admin.GetPathAsync($"{Path}?{query}");

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldContain(path);
        problem.GetProperty("errors").EnumerateArray().ShouldAllBe(e => !string.IsNullOrEmpty(e.GetProperty("hint").GetString()));
        JsonElement after = await OkAsync($"/api/v1/rollouts/production/{Flag}/ramp");
        (after.GetProperty("status").GetString(), after.GetProperty("stage").GetInt32(), after.GetProperty("phase").GetInt32(), after.GetProperty("history").GetArrayLength())
            .ShouldBe((before.GetProperty("status").GetString(), before.GetProperty("stage").GetInt32(), before.GetProperty("phase").GetInt32(), before.GetProperty("history").GetArrayLength()));
    }

    [Theory]
    [InlineData("/api/v1/rollouts/production/nothing/here/representativeness?population=rr-markets", "production/nothing/here")]
    [InlineData($"/api/v1/rollouts/staging-nowhere/{Flag}/ramp/representativeness?population=rr-markets", "staging-nowhere/rr-checkout/ramp")]
    [InlineData($"/api/v1/rollouts/production/{Flag}/other/representativeness?population=rr-markets", "production/rr-checkout/other")]
    public async Task An_unknown_rollout_is_not_found_naming_it(string path, string named)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);

        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(named);
    }
}
