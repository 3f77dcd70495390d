using System.Net;
using System.Text.Json;
using FailSmart.Storage.Events;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>
/// `/api/v1/features/{key}/decisions` and `/timeline`: gates refuse with the gate named, evidence is frozen
/// so re-analysing or archiving an experiment later does not change it, and archived experiments' results
/// stay readable.
/// </summary>
public sealed class FeatureDecisionsApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private async Task SeedExperimentAsync(string key, string metric, string eventName)
    {
        await CreateAsync(_admin, "metrics", $$"""{"key":"{{metric}}","type":"conversion","event":"{{eventName}}"}""");
        await CreateAsync(_admin, "experiments", $$"""
            {"key":"{{key}}","variations":[{"key":"control","weight":0.5},{"key":"dates","weight":0.5}],"status":"running",
             "metrics":[{"key":"{{metric}}","role":"primary","minimumEffect":0.02}]}
            """);
    }

    private async Task AppendAsync(string experiment, string eventName, int units, double control, double treatment, int offset = 0)
    {
        var random = new Random(20261207 + offset);
        var exposures = new List<Exposure>();
        var events = new List<MetricEvent>();
        for (int i = offset; i < offset + units; i++)
        {
            string unit = $"{experiment}-{i}";
            int variation = i % 2;
            exposures.Add(Exposure(unit, experiment, variation, i % 600));
            if (random.NextDouble() < (variation == 1 ? treatment : control))
            {
                events.Add(Event(unit, eventName, 1, (i % 600) + 30));
            }
        }

        await ResultsFixture.AppendAsync(factory, exposures, events);
    }

    private async Task<HttpResponseMessage> DecideAsync(string key, string body, string? ifMatch = null) =>
        await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/features/{key}/decisions", body, ifMatch);

    private async Task<JsonElement> DecisionsAsync(string key) => await (await _admin.GetPathAsync($"/api/v1/features/{key}/decisions")).JsonAsync();

    private async Task<JsonElement> ResultsAsync(string experiment, string query = "?refresh=true")
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/experiments/{experiment}/results{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Ship_is_refused_by_the_gate_until_the_hypothesis_has_a_metric_and_the_refusal_changes_nothing()
    {
        await CreateAsync(_admin, "metrics", """{"key":"gate-conversion","type":"conversion","event":"gate-purchase"}""");
        await CreateAsync(_admin, "features", """{"key":"gated","name":"Gated","owner":"team","problem":"p","hypothesis":{"statement":"s"}}""");
        (await DecideAsync("gated", """{"decision":"advance","reason":"The problem is real."}""", "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using HttpResponseMessage refused = await DecideAsync("gated", """{"decision":"advance","reason":"Built."}""", "\"2\"");

        JsonElement problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("title").GetString().ShouldBe("A gate refuses entering Ship.");
        JsonElement error = problem.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("path").GetString(), error.GetProperty("message").GetString()).ShouldBe(
            ("$.decision", "Gate hypothesis-metric: Entering Ship needs a hypothesis with a metric, and 'gated' has none."));
        error.GetProperty("hint").GetString().ShouldBe("Edit the feature to name the metric that will show the hypothesis, or ask an administrator to override with a reason.");
        JsonElement feature = await (await _admin.GetPathAsync("/api/v1/features/gated")).JsonAsync();
        (feature.GetProperty("phase").GetString(), feature.GetProperty("version").GetInt64()).ShouldBe(("build", 2L));
        (await DecisionsAsync("gated")).GetArrayLength().ShouldBe(1);

        (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/features/gated",
            """{"name":"Gated","owner":"team","problem":"p","hypothesis":{"statement":"s","metric":"gate-conversion"}}""", "\"2\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using HttpResponseMessage shipped = await DecideAsync("gated", """{"decision":"advance","reason":"Built."}""", "\"3\"");
        shipped.StatusCode.ShouldBe(HttpStatusCode.Created);
        shipped.Headers.ETag!.Tag.ShouldBe("\"4\"");
        JsonElement decision = await shipped.JsonAsync();
        (decision.GetProperty("from").GetString(), decision.GetProperty("to").GetString(), decision.GetProperty("decision").GetString()).ShouldBe(("build", "ship", "advance"));
    }

    [Fact]
    public async Task A_bad_decision_is_refused_field_by_field_and_a_stale_etag_with_412_recording_nothing()
    {
        await CreateAsync(_admin, "features", """{"key":"bad-decision","name":"Bad","owner":"team","problem":"p"}""");

        using HttpResponseMessage missing = await DecideAsync("bad-decision", """{"decision":"jump"}""");
        using HttpResponseMessage evidence = await DecideAsync("bad-decision",
            """{"decision":"iterate","reason":"r","evidence":{"experiments":[{"key":"no-such-experiment"}],"links":["not a url"]}}""");
        using HttpResponseMessage unknownField = await DecideAsync("bad-decision", """{"decision":"iterate","reason":"r","phase":"ship"}""");
        using HttpResponseMessage stale = await DecideAsync("bad-decision", """{"decision":"iterate","reason":"r"}""", "\"7\"");

        JsonElement first = await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        first.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["$.decision", "$.reason"]);
        (await evidence.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString())
            .ShouldBe(["$.evidence.links[0]", "$.evidence.experiments[0].key"]);
        await unknownField.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        (await DecisionsAsync("bad-decision")).GetArrayLength().ShouldBe(0);
        (await (await _admin.GetPathAsync("/api/v1/features/bad-decision")).JsonAsync()).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Evidence_is_frozen_so_new_data_and_archiving_the_experiment_do_not_change_it_and_archived_results_stay_readable()
    {
        await SeedExperimentAsync("frozen-test", "frozen-conversion", "frozen-purchase");
        await AppendAsync("frozen-test", "frozen-purchase", 2000, 0.10, 0.20);
        await CreateAsync(_admin, "features", """
            {"key":"frozen","name":"Frozen","owner":"team","problem":"p","hypothesis":{"statement":"s","metric":"frozen-conversion","minimumEffect":0.02},
             "links":[{"kind":"experiment","key":"frozen-test"}]}
            """);
        for (int i = 0; i < 2; i++)
        {
            (await DecideAsync("frozen", """{"decision":"advance","reason":"On we go."}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        JsonElement before = await ResultsAsync("frozen-test");
        using HttpResponseMessage tweak = await DecideAsync("frozen", """
            {"decision":"advance","reason":"Conversion rose.","evidence":{"experiments":[{"key":"frozen-test","environment":"production"}],"notes":["Tickets fell."]}}
            """);
        tweak.StatusCode.ShouldBe(HttpStatusCode.Created, await tweak.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement frozen = (await tweak.JsonAsync()).GetProperty("evidence").GetProperty("experiments")[0];
        string frozenText = frozen.GetRawText();

        await AppendAsync("frozen-test", "frozen-purchase", 4000, 0.10, 0.10, offset: 100_000);
        JsonElement reanalysed = await ResultsAsync("frozen-test");
        (await _admin.SendJsonAsync(HttpMethod.Delete, "/api/v1/experiments/frozen-test", "{}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement archived = await ResultsAsync("frozen-test");
        JsonElement stored = (await DecisionsAsync("frozen"))[2].GetProperty("evidence");

        frozen.GetProperty("key").GetString().ShouldBe("frozen-test");
        frozen.GetProperty("verdict").GetString().ShouldBe(before.GetProperty("verdict").GetProperty("decision").GetString());
        frozen.GetProperty("results").GetProperty("variations").EnumerateArray().Select(v => v.GetProperty("units").GetInt64()).ShouldBe([1000L, 1000L]);
        reanalysed.GetProperty("variations").EnumerateArray().Select(v => v.GetProperty("units").GetInt64()).ShouldBe([3000L, 3000L]);
        stored.GetProperty("experiments")[0].GetRawText().ShouldBe(frozenText);
        stored.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldBe(["Tickets fell."]);
        archived.GetProperty("archived").GetBoolean().ShouldBeTrue();
        archived.GetProperty("archivedAt").GetDateTimeOffset().ShouldBeGreaterThan(before.GetProperty("computedAt").GetDateTimeOffset());
        archived.GetProperty("archivedBy").GetString()!.ShouldContain("testadmin01");
        archived.GetProperty("variations").EnumerateArray().Select(v => v.GetProperty("units").GetInt64()).ShouldBe([3000L, 3000L]);
        reanalysed.TryGetProperty("archived", out JsonElement active).ShouldBeTrue();
        active.GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Timeline_orders_decisions_launches_and_frozen_verdicts_and_dates_the_phases()
    {
        await SeedExperimentAsync("timeline-test", "timeline-conversion", "timeline-purchase");
        await AppendAsync("timeline-test", "timeline-purchase", 1000, 0.10, 0.15);
        await CreateAsync(_admin, "features", """
            {"key":"timeline","name":"Timeline","owner":"team","problem":"p","hypothesis":{"statement":"s","metric":"timeline-conversion"},
             "links":[{"kind":"experiment","key":"timeline-test"}]}
            """);
        await DecideAsync("timeline", """{"decision":"advance","reason":"Real."}""");
        await DecideAsync("timeline", """{"decision":"iterate","reason":"Again."}""");
        await DecideAsync("timeline", """{"decision":"advance","reason":"Built."}""");
        (await DecideAsync("timeline", """{"decision":"advance","reason":"Shipped.","evidence":{"experiments":[{"key":"timeline-test"}]}}""")).StatusCode
            .ShouldBe(HttpStatusCode.Created);

        JsonElement timeline = await (await _admin.GetPathAsync("/api/v1/features/timeline/timeline")).JsonAsync();

        timeline.GetProperty("phases").EnumerateArray().Select(p => p.GetProperty("phase").GetString()).ShouldBe(["think", "build", "ship", "tweak"]);
        timeline.GetProperty("phases")[3].GetProperty("end").ValueKind.ShouldBe(JsonValueKind.Null);
        timeline.GetProperty("phases")[0].GetProperty("end").GetDateTimeOffset().ShouldBe(timeline.GetProperty("phases")[1].GetProperty("start").GetDateTimeOffset());
        string[] titles = [.. timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("title").GetString()!)];
        titles.Where(t => t.StartsWith("Advanced", StringComparison.Ordinal) || t.StartsWith("Iterated", StringComparison.Ordinal))
            .ShouldBe(["Advanced Think → Build", "Iterated in Build", "Advanced Build → Ship", "Advanced Ship → Tweak"]);
        titles.ShouldContain("Experiment created");
        titles.ShouldContain(t => t.StartsWith("Results: ", StringComparison.Ordinal));
        DateTimeOffset[] times = [.. timeline.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset())];
        times.ShouldBe(times.Order().ToArray());
    }
}
