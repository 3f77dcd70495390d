using System.Net;
using System.Text.Json;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

/// <summary>What an experiment write must respect: a new phase for a new split, and metrics that exist.</summary>
public sealed class ExperimentWriteRulesTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Experiment(string key, double first, int phase = 1, double coverage = 1, string status = "running", string metrics = "") =>
        $$"""
        {"key":"{{key}}","variations":[{"key":"control","weight":{{first}}},{"key":"treatment","weight":{{1 - first}}}],"coverage":{{coverage}},"phase":{{phase}},"status":"{{status}}"{{metrics}}}
        """;

    private async Task<JsonElement> GetAsync(string key) => (await (await _admin.GetPathAsync($"/api/v1/experiments/{key}")).JsonAsync()).GetProperty("document");

    [Fact]
    public async Task Update_running_experiment_weights_without_a_new_phase_is_refused_and_changes_nothing()
    {
        await CreateAsync(_admin, "experiments", Experiment("split-change", 0.5));

        using HttpResponseMessage refused = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/split-change", Experiment("split-change", 0.8), "\"1\"");

        JsonElement problem = await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        JsonElement error = problem.GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.phase");
        error.GetProperty("message").GetString().ShouldBe("Changing the variation weights of running experiment 'split-change' in phase 1 would analyse units assigned under two splits as one sample.");
        error.GetProperty("hint").GetString().ShouldBe("Increase phase to 2 to start a new phase; results are analysed per phase.");
        JsonElement stored = await GetAsync("split-change");
        stored.GetProperty("variations")[0].GetProperty("weight").GetDouble().ShouldBe(0.5);
        stored.GetProperty("phase").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Update_running_experiment_coverage_with_the_next_phase_is_accepted()
    {
        await CreateAsync(_admin, "experiments", Experiment("coverage-change", 0.5));

        using HttpResponseMessage samePhase = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/coverage-change", Experiment("coverage-change", 0.5, coverage: 0.5), "\"1\"");
        using HttpResponseMessage nextPhase = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/coverage-change", Experiment("coverage-change", 0.5, phase: 2, coverage: 0.5), "\"1\"");

        (await samePhase.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldStartWith("Changing the coverage of");
        nextPhase.StatusCode.ShouldBe(HttpStatusCode.OK, await nextPhase.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        (await GetAsync("coverage-change")).GetProperty("phase").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Update_draft_experiment_weights_needs_no_new_phase_and_a_running_one_keeps_its_other_changes()
    {
        await CreateAsync(_admin, "experiments", Experiment("draft-change", 0.5, status: "draft"));
        await CreateAsync(_admin, "experiments", Experiment("status-change", 0.5));

        using HttpResponseMessage draft = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/draft-change", Experiment("draft-change", 0.7, status: "draft"), "\"1\"");
        using HttpResponseMessage stop = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/status-change", Experiment("status-change", 0.5, status: "stopped"), "\"1\"");

        draft.StatusCode.ShouldBe(HttpStatusCode.OK);
        stop.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Create_experiment_naming_an_unknown_metric_is_refused_with_its_path()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(
            HttpMethod.Post, "/api/v1/experiments", Experiment("unknown-metric", 0.5, metrics: ""","metrics":[{"key":"no-such-metric","role":"primary"}]"""));

        JsonElement error = (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.metrics[0].key");
        error.GetProperty("message").GetString().ShouldBe("There is no metric 'no-such-metric'.");
        (await _admin.GetPathAsync("/api/v1/experiments/unknown-metric")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Results_analyse_only_the_experiments_own_metrics_each_in_the_role_it_gives()
    {
        await CreateAsync(_admin, "metrics", """{"key":"own-buys","type":"conversion","event":"purchase","role":"primary"}""");
        await CreateAsync(_admin, "metrics", """{"key":"own-revenue","type":"sum","event":"purchase","role":"primary"}""");
        await CreateAsync(_admin, "metrics", """{"key":"not-named","type":"count","event":"purchase"}""");
        await CreateAsync(_admin, "experiments", Experiment("own-metrics", 0.5, metrics: ""","metrics":[{"key":"own-buys"},{"key":"own-revenue","role":"guardrail","margin":0.03}]"""));
        await AppendAsync(factory, [.. Enumerable.Range(0, 200).Select(i => Exposure($"own-{i}", "own-metrics", i % 2, i))], [.. Enumerable.Range(0, 40).Select(i => Event($"own-{i}", "purchase", 10, i + 1))]);

        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/experiments/own-metrics/results");
        JsonElement results = await response.JsonAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        results.GetProperty("metrics").EnumerateArray().Select(m => (m.GetProperty("metric").GetString(), m.GetProperty("role").GetString()))
            .ShouldBe([("own-buys", "primary"), ("own-revenue", "guardrail")]);
    }
}
