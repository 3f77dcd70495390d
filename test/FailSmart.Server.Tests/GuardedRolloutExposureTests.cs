using System.Net;
using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>A guarded rollout's exposures: accepted from SDK batches by arm, recorded from OFREP evaluations, refused when they name nothing.</summary>
public sealed class GuardedRolloutExposureTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();
    private HttpClient _sdk = null!;

    public async ValueTask InitializeAsync() =>
        _sdk = factory.ClientWithKey(await _admin.CreateKeyAsync("server", "production"));

    public ValueTask DisposeAsync()
    {
        _sdk.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("O");

    private static string GuardedFlag(string key, string plan = """{"holdback": 10, "phase": 2}""") =>
        """{"key": """ + JsonSerializer.Serialize(key) + """, "type": "boolean", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],"""
        + """ "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off","""
        + """ "rules": [{"id": "ramp", "rollout": {"variation": "on", "percentage": 25, "plan": """ + plan + "}}]}}}";

    private async Task<string> CreateFlagAsync()
    {
        string key = "guarded-" + Guid.NewGuid().ToString("N")[..12];
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", GuardedFlag(key));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return key;
    }

    private Task<ExposureSummary> SummaryAsync(string flag, int phase) =>
        factory.Services.GetRequiredService<IEventStore>().SummarizeExposuresAsync(
            new ExperimentScope("production", RolloutPlan.AnalysisKey(flag, "ramp"), phase, DateTimeOffset.UtcNow.AddMinutes(5)), ApiTestExtensions.Ct);

    private static string Exposure(string id, string experiment, string variation, string? phase = null) =>
        $$$"""{"id":"{{{id}}}","type":"exposure","unitId":"{{{id}}}-unit","timestamp":"{{{Now}}}","experiment":"{{{experiment}}}","variation":"{{{variation}}}" """.TrimEnd()
        + (phase is null ? "}" : ",\"phase\":" + phase + "}");

    [Fact]
    public async Task Batch_exposures_of_a_guarded_rollout_are_stored_by_arm_in_the_plans_phase()
    {
        string flag = await CreateFlagAsync();
        string key = RolloutPlan.AnalysisKey(flag, "ramp");
        string p = Guid.NewGuid().ToString("N");
        string batch = "[" + string.Join(",",
            Exposure(p + "-1", key, "in"),
            Exposure(p + "-2", key, "in"),
            Exposure(p + "-3", key, "not-yet"),
            Exposure(p + "-4", key, "holdback"),
            Exposure(p + "-5", key, "in", phase: "7"),
            Exposure(p + "-6", key, "on"),
            Exposure(p + "-7", RolloutPlan.AnalysisKey(flag, "other-rule"), "in"),
            Exposure(p + "-8", "rollout:new-checkout:everyone", "in")) + "]";

        JsonElement body = await (await _sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch", batch)).JsonAsync();

        body.GetProperty("accepted").GetInt32().ShouldBe(5);
        var rejected = body.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("index").GetInt32(), r => r.GetProperty("reason").GetString()!);
        rejected.Keys.ShouldBe([5, 6, 7]);
        rejected[5].ShouldBe($"variation 'on' is not an arm of guarded rollout '{key}': not-yet, in, holdback.");
        rejected[6].ShouldStartWith($"experiment '{RolloutPlan.AnalysisKey(flag, "other-rule")}' does not exist in environment 'production': it is neither an experiment nor a guarded rollout there.");
        rejected[7].ShouldContain("neither an experiment nor a guarded rollout");
        ExposureSummary phase2 = await SummaryAsync(flag, 2);
        phase2.Variations.ShouldBe([new VariationUnits((int)RolloutArm.NotYet, 1), new VariationUnits((int)RolloutArm.In, 2), new VariationUnits((int)RolloutArm.Holdback, 1)], ignoreOrder: true);
        (await SummaryAsync(flag, 7)).Variations.ShouldBe([new VariationUnits((int)RolloutArm.In, 1)]);
    }

    [Fact]
    public async Task Ofrep_evaluations_of_a_guarded_rollout_record_each_units_arm_once()
    {
        string flag = await CreateFlagAsync();
        using HttpClient client = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));
        string run = Guid.NewGuid().ToString("N")[..8];
        string[] units = [.. Enumerable.Range(0, 60).Select(i => $"ofrep-{run}-{i}")];
        RolloutArmBuckets arms = RolloutArmBuckets.For(0.10, 0.25, BucketHash.BucketCount);
        var expected = new long[3];
        foreach (string unit in units)
        {
            RolloutArm arm = arms.ArmOf(BucketHash.BucketV2(flag, unit));
            expected[(int)arm]++;
            for (int i = 0; i < 2; i++)
            {
                JsonElement answer = await (await client.SendJsonAsync(HttpMethod.Post, $"/ofrep/v1/evaluate/flags/{flag}", $$$"""{"context":{"targetingKey":"{{{unit}}}"}}""")).JsonAsync();
                answer.GetProperty("value").GetBoolean().ShouldBe(arm == RolloutArm.In);
                answer.GetProperty("metadata").GetProperty("experimentKey").GetString().ShouldBe(RolloutPlan.AnalysisKey(flag, "ramp"));
            }
        }

        VariationUnits[] want = [.. Enumerable.Range(0, 3).Where(a => expected[a] > 0).Select(a => new VariationUnits(a, expected[a]))];
        ExposureSummary summary = await SummaryAsync(flag, 2);
        for (int attempt = 0; attempt < 100 && summary.Variations.Sum(v => v.Units) < units.Length; attempt++)
        {
            await Task.Delay(50, ApiTestExtensions.Ct);
            summary = await SummaryAsync(flag, 2);
        }

        summary.Variations.ShouldBe(want, ignoreOrder: true);
        summary.MultipleVariationUnits.ShouldBe(0);
    }

    [Fact]
    public async Task Flag_whose_plan_names_an_unknown_metric_is_refused_at_its_path()
    {
        string key = "guarded-" + Guid.NewGuid().ToString("N")[..12];
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", GuardedFlag(key, """{"metrics": [{"key": "no-such-metric", "role": "guardrail"}]}"""));

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        JsonElement error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("path").GetString().ShouldBe("$.environments.production.rules[0].rollout.plan.metrics[0].key");
        error.GetProperty("message").GetString().ShouldBe("There is no metric 'no-such-metric'.");
        (await _admin.GetPathAsync("/api/v1/flags/" + key)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
