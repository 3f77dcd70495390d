using System.Net;
using System.Text.Json;
using FailSmart.Application.Rollouts;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>`/api/v1/rollouts`: a guarded rule the engine started, read and commanded over the API; every refusal is ProblemDetails and changes nothing.</summary>
public sealed class RolloutsApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    public static string GuardedFlag(string key) => $$"""
        {"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
           "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{
             "stages":[{"percentage":1},{"percentage":10},{"percentage":100}],"holdback":1 } } } ] } } }
        """;

    private async Task<string> StartAsync(string key)
    {
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", GuardedFlag(key))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await factory.Services.GetRequiredService<IRolloutEngine>().LookAsync(ApiTestExtensions.Ct);
        return $"/api/v1/rollouts/production/{key}/ramp";
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Get_started_rollout_shows_stage_one_of_three_its_ladder_and_the_start_in_its_history()
    {
        string path = await StartAsync("api-get");

        JsonElement rollout = await GetAsync(path);

        rollout.GetProperty("status").GetString().ShouldBe("running");
        (rollout.GetProperty("stage").GetInt32(), rollout.GetProperty("stageCount").GetInt32()).ShouldBe((1, 3));
        (rollout.GetProperty("stagePercentage").GetDouble(), rollout.GetProperty("servedPercentage").GetDouble(), rollout.GetProperty("holdbackPercentage").GetDouble())
            .ShouldBe((1, 1, 1));
        rollout.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("percentage").GetDouble()).ShouldBe([1, 10, 100]);
        rollout.GetProperty("stages")[0].GetProperty("enteredAt").ValueKind.ShouldBe(JsonValueKind.String);
        rollout.GetProperty("stages")[1].GetProperty("enteredAt").ValueKind.ShouldBe(JsonValueKind.Null);
        rollout.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["pause", "skip", "rollback", "approve"]);
        JsonElement start = rollout.GetProperty("history").EnumerateArray().ShouldHaveSingleItem();
        (start.GetProperty("action").GetString(), start.GetProperty("actor").GetString()).ShouldBe(("rollout.start", "rollout-engine"));
    }

    [Fact]
    public async Task Pause_with_a_reason_pauses_and_the_audit_log_names_the_reason()
    {
        string path = await StartAsync("api-pause");

        using HttpResponseMessage paused = await _admin.SendJsonAsync(HttpMethod.Post, path + "/pause", """{"reason":"Support tickets doubled"}""");

        paused.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement rollout = await paused.JsonAsync();
        rollout.GetProperty("status").GetString().ShouldBe("paused");
        rollout.GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ShouldBe(["resume", "skip", "rollback"]);
        JsonElement audit = await (await _admin.GetPathAsync("/api/v1/audit?key=api-pause")).JsonAsync();
        JsonElement entry = audit.EnumerateArray().First();
        (entry.GetProperty("action").GetString(), entry.GetProperty("reason").GetString()).ShouldBe(("rollout.pause", "ramp: Support tickets doubled"));
    }

    [Theory]
    [InlineData("""{"reason":""}""")]
    [InlineData("""{"reason":null}""")]
    [InlineData("""{}""")]
    public async Task Command_without_a_reason_is_a_problem_naming_the_field_and_changes_nothing(string body)
    {
        string path = await StartAsync("api-no-reason-" + body.Length);
        long version = (await GetAsync(path)).GetProperty("version").GetInt64();

        using HttpResponseMessage refused = await _admin.SendJsonAsync(HttpMethod.Post, path + "/rollback", body);

        JsonElement problem = await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetRawText().ShouldContain("reason");
        JsonElement after = await GetAsync(path);
        (after.GetProperty("status").GetString(), after.GetProperty("version").GetInt64()).ShouldBe(("running", version));
    }

    [Fact]
    public async Task Resume_of_a_running_rollout_is_a_conflict_that_says_when_resume_applies()
    {
        string path = await StartAsync("api-resume");

        using HttpResponseMessage refused = await _admin.SendJsonAsync(HttpMethod.Post, path + "/resume", """{"reason":"go"}""");

        JsonElement problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe("The rollout production/api-resume/ramp is running; resume applies only when it is paused.");
    }

    [Fact]
    public async Task Unknown_rollout_is_not_found_for_reads_and_commands()
    {
        using HttpResponseMessage read = await _admin.GetPathAsync("/api/v1/rollouts/production/nothing/here");
        using HttpResponseMessage command = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/rollouts/production/nothing/here/pause", """{"reason":"x"}""");

        await read.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await command.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("production/nothing/here");
    }

    [Fact]
    public async Task List_filters_by_status_and_refuses_an_unknown_status()
    {
        string path = await StartAsync("api-list");
        (await _admin.SendJsonAsync(HttpMethod.Post, path + "/rollback", """{"reason":"Payment errors"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        JsonElement rolledBack = await GetAsync("/api/v1/rollouts?status=rolled-back&environment=production");
        using HttpResponseMessage refused = await _admin.GetPathAsync("/api/v1/rollouts?status=stopped");

        JsonElement listed = rolledBack.EnumerateArray().Single(r => r.GetProperty("flag").GetString() == "api-list");
        (listed.GetProperty("servedPercentage").GetDouble(), listed.GetProperty("lastReason").GetString()).ShouldBe((0, "Payment errors"));
        (await refused.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetRawText().ShouldContain("awaiting-approval");
    }
}
