using System.Net;
using System.Text;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>
/// `/api/v1/experiments/{key}/checklist|start|stop|new-phase`: the launch checklist with each item's state and
/// sentence, and the actions as writes through the resource service (the collision guard refuses a start that
/// would share units unless acknowledged). Each test assigns by its own attribute, so tests never collide.
/// </summary>
public sealed class ExperimentLaunchApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Experiment(string key, string attribute, string status = "draft", string metrics = "") => $$"""
        {"key":"{{key}}","hashAttribute":"{{attribute}}","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"{{status}}"{{metrics}}}
        """;

    private static string Flag(string key, string experiment) => $$"""
        {"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"r1","experiment":{"key":"{{experiment}}"} }]} } }
        """;

    private async Task CreateAsync(string collection, string json)
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, collection, json);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    private async Task<JsonElement> StoredAsync(string key) =>
        await (await _admin.GetPathAsync($"/api/v1/experiments/{key}")).JsonAsync();

    private static Dictionary<string, (string State, string Sentence)> Items(JsonElement checklist) =>
        checklist.GetProperty("items").EnumerateArray().ToDictionary(
            i => i.GetProperty("check").GetString()!, i => (i.GetProperty("state").GetString()!, i.GetProperty("sentence").GetString()!));

    [Fact]
    public async Task Checklist_of_a_draft_with_a_hypothesis_passes_each_check_and_warns_that_the_plan_has_no_data()
    {
        await CreateAsync("/api/v1/metrics", """{"key":"ready-conv","type":"conversion","event":"ready-purchase","role":"primary"}""");
        await CreateAsync("/api/v1/experiments", Experiment("ready", "ready-unit", metrics: ""","metrics":[{"key":"ready-conv","role":"primary","minimumEffect":0.02}]"""));
        await CreateAsync("/api/v1/flags", Flag("ready-flag", "ready"));

        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/experiments/ready/checklist?environment=production");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement checklist = await response.JsonAsync();
        (checklist.GetProperty("status").GetString(), checklist.GetProperty("phase").GetInt32(), checklist.GetProperty("outcome").GetString()).ShouldBe(("draft", 1, "warning"));
        checklist.GetProperty("daysToDecision").ValueKind.ShouldBe(JsonValueKind.Null);
        Dictionary<string, (string State, string Sentence)> items = Items(checklist);
        items.Keys.ShouldBe(["phase", "flag", "collisions", "metrics", "hypothesis", "plan"]);
        items["phase"].ShouldBe(("passed", "Draft in phase 1: starting it sets it running."));
        items["flag"].ShouldBe(("passed", "Runs on flag 'ready-flag' (rule 'r1') in production."));
        items["collisions"].ShouldBe(("passed", "No other running trial or holdout can reach its units in production."));
        items["metrics"].ShouldBe(("passed", "Its 1 metric is defined and active: ready-conv."));
        items["hypothesis"].ShouldBe(("passed", "Expects 'ready-conv' to rise by at least 2%."));
        items["plan"].State.ShouldBe("warning");
        items["plan"].Sentence.ShouldStartWith("No recent data for 'ready-conv' in production");
    }

    [Fact]
    public async Task Checklist_fails_without_a_flag_rule_or_a_primary_metric()
    {
        await CreateAsync("/api/v1/metrics", """{"key":"lonely-clicks","type":"count","event":"lonely-click"}""");
        await CreateAsync("/api/v1/experiments", Experiment("lonely", "lonely-unit", metrics: ""","metrics":[{"key":"lonely-clicks","role":"secondary"}]"""));

        JsonElement checklist = await (await _admin.GetPathAsync("/api/v1/experiments/lonely/checklist")).JsonAsync();

        checklist.GetProperty("environment").GetString().ShouldBe("production");
        checklist.GetProperty("outcome").GetString().ShouldBe("failed");
        Dictionary<string, (string State, string Sentence)> items = Items(checklist);
        items["flag"].ShouldBe(("failed", "No flag rule in production runs it, so starting it would assign nobody. Add a rule that runs experiment 'lonely' to the flag it tests."));
        items["hypothesis"].ShouldBe(("failed", "No primary metric: nothing decides whether to ship. Give the metric the hypothesis is about the primary role."));
        items["plan"].ShouldBe(("warning", "No plan: days to a decision need a primary metric with a minimum effect."));
    }

    [Fact]
    public async Task Start_that_would_share_units_is_refused_naming_the_other_trial_until_acknowledged_with_a_reason()
    {
        await CreateAsync("/api/v1/experiments", Experiment("no-ads", "cohort", status: "running"));
        await CreateAsync("/api/v1/flags", Flag("no-ads-flag", "no-ads"));
        await CreateAsync("/api/v1/experiments", Experiment("retention-push", "cohort"));
        await CreateAsync("/api/v1/flags", Flag("retention-push-flag", "retention-push"));

        Dictionary<string, (string State, string Sentence)> items = Items(await (await _admin.GetPathAsync("/api/v1/experiments/retention-push/checklist")).JsonAsync());
        items["collisions"].State.ShouldBe("failed");
        items["collisions"].Sentence.ShouldStartWith("Starting it would let it share units with experiment 'no-ads' in production:");

        JsonElement refused = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/retention-push/start", """{"reason":"Plan reviewed"}"""))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        refused.GetProperty("title").GetString().ShouldBe("The change would let trials share units.");
        refused.GetProperty("errors").EnumerateArray().Single().GetProperty("message").GetString().ShouldBe(
            "production: Experiment 'no-ads' and experiment 'retention-push' both assign by 'cohort', their audiences can overlap, and no layer keeps them apart.");
        (await StoredAsync("retention-push")).GetProperty("document").GetProperty("status").GetString().ShouldBe("draft");

        using var acknowledged = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/experiments/retention-push/start", UriKind.Relative))
        {
            Content = new StringContent("""{"reason":"Both read out on retention separately"}""", Encoding.UTF8, "application/json"),
        };
        acknowledged.Headers.Add("X-Acknowledge-Collisions", "true");
        using HttpResponseMessage started = await _admin.SendAsync(acknowledged, ApiTestExtensions.Ct);

        started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        (await started.JsonAsync()).GetProperty("document").GetProperty("status").GetString().ShouldBe("running");
        JsonElement audit = await (await _admin.GetPathAsync("/api/v1/audit?kind=experiment&key=retention-push")).JsonAsync();
        audit[0].GetProperty("reason").GetString().ShouldBe(
            "Both read out on retention separately Acknowledged collisions: no-ads with experiment retention-push in production.");
    }

    [Fact]
    public async Task Start_new_phase_stop_and_start_again_move_status_and_phase_and_keep_the_reason_in_the_audit_log()
    {
        await CreateAsync("/api/v1/experiments", Experiment("phased", "phased-unit"));

        JsonElement started = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/phased/start", """{"reason":"Plan reviewed"}""")).JsonAsync();
        (started.GetProperty("document").GetProperty("status").GetString(), started.GetProperty("document").GetProperty("phase").GetInt32()).ShouldBe(("running", 1));
        (await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/phased/start", """{"reason":"again"}""")).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().ShouldBe("Experiment 'phased' is running in phase 1. Stop it, or begin a new phase to change its split.");

        using HttpResponseMessage phased = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/phased/new-phase", """{"reason":"Guardrails held","weights":[0.3,0.7],"coverage":0.5}""");
        phased.StatusCode.ShouldBe(HttpStatusCode.OK, await phased.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement document = (await phased.JsonAsync()).GetProperty("document");
        document.GetProperty("phase").GetInt32().ShouldBe(2);
        document.GetProperty("coverage").GetDouble().ShouldBe(0.5);
        document.GetProperty("variations").EnumerateArray().Select(v => v.GetProperty("weight").GetDouble()).ShouldBe([0.3, 0.7]);

        JsonElement stopped = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/phased/stop", """{"reason":"Decision reached"}""")).JsonAsync();
        (stopped.GetProperty("document").GetProperty("status").GetString(), stopped.GetProperty("document").GetProperty("phase").GetInt32()).ShouldBe(("stopped", 2));
        JsonElement restarted = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/phased/start", """{"reason":"Fixed the logging bug"}""")).JsonAsync();
        (restarted.GetProperty("document").GetProperty("status").GetString(), restarted.GetProperty("document").GetProperty("phase").GetInt32()).ShouldBe(("running", 3));

        JsonElement audit = await (await _admin.GetPathAsync("/api/v1/audit?kind=experiment&key=phased")).JsonAsync();
        audit.EnumerateArray().Take(4).Select(e => e.GetProperty("reason").GetString()).ShouldBe(["Fixed the logging bug", "Decision reached", "Guardrails held", "Plan reviewed"]);
    }

    [Theory]
    [InlineData("start", """{"reason":""}""", "reason", "Starting an experiment needs a reason.")]
    [InlineData("stop", """{}""", "reason", "Stopping an experiment needs a reason.")]
    [InlineData("new-phase", """{"reason":"wider","weights":[1]}""", "weights", "Experiment 'bad-input' has 2 variations, so a new phase needs 2 weights, not 1.")]
    public async Task Action_with_a_bad_body_is_a_problem_naming_the_field_and_changes_nothing(string action, string body, string path, string message)
    {
        if ((await _admin.GetPathAsync("/api/v1/experiments/bad-input")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync("/api/v1/experiments", Experiment("bad-input", "bad-input-unit", status: "running"));
        }

        long version = (await StoredAsync("bad-input")).GetProperty("version").GetInt64();

        JsonElement problem = await (await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/experiments/bad-input/{action}", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        JsonElement error = problem.GetProperty("errors").EnumerateArray().Single();
        (error.GetProperty("path").GetString(), error.GetProperty("message").GetString()).ShouldBe((path, message));
        (await StoredAsync("bad-input")).GetProperty("version").GetInt64().ShouldBe(version);
    }

    [Fact]
    public async Task Unknown_property_unknown_experiment_and_unknown_environment_are_problems()
    {
        (await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/whatever/start", """{"reason":"x","resaon":"y"}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString()!.ShouldContain("resaon");
        (await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments/no-such-experiment/start", """{"reason":"x"}""")).ShouldBeProblemAsync(HttpStatusCode.NotFound))
            .GetProperty("detail").GetString().ShouldBe("There is no experiment 'no-such-experiment'. List them with GET on the collection.");
        await (await _admin.GetPathAsync("/api/v1/experiments/no-such-experiment/checklist")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await CreateAsync("/api/v1/experiments", Experiment("env-check", "env-check-unit"));
        (await (await _admin.GetPathAsync("/api/v1/experiments/env-check/checklist?environment=moon")).ShouldBeProblemAsync(HttpStatusCode.NotFound))
            .GetProperty("detail").GetString().ShouldBe("There is no environment 'moon'. List them with GET on the collection.");
        (await (await _admin.GetPathAsync("/api/v1/experiments/env-check/checklist?environment=")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("environment");
    }

    [Fact]
    public async Task Minimum_effect_round_trips_through_the_resource_api_and_a_misplaced_one_is_refused_at_its_path()
    {
        await CreateAsync("/api/v1/metrics", """{"key":"mde-retention","type":"conversion","event":"mde-return"}""");
        await CreateAsync("/api/v1/experiments", Experiment("mde", "mde-unit", metrics: ""","metrics":[{"key":"mde-retention","role":"primary","minimumEffect":-0.01}]"""));

        (await StoredAsync("mde")).GetProperty("document").GetProperty("metrics")[0].GetProperty("minimumEffect").GetDouble().ShouldBe(-0.01);

        JsonElement problem = await (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/mde",
            Experiment("mde", "mde-unit", metrics: ""","metrics":[{"key":"mde-retention","role":"guardrail","minimumEffect":0.01}]"""))).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.metrics[0].minimumEffect");
        (await StoredAsync("mde")).GetProperty("document").GetProperty("metrics")[0].GetProperty("role").GetString().ShouldBe("primary");
    }
}
