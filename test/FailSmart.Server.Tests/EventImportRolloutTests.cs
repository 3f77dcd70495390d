using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FailSmart.Core.Model;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// A guarded rollout's and a holdout's history imported from a warehouse: rows naming the rollout's analysis key
/// with its arms, or the holdout's with its sides, are stored as SDK batches store them; a row naming anything
/// else refuses the file with the very reason a batch gives.
/// </summary>
public sealed class EventImportRolloutTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static readonly DateTimeOffset s_longAgo = DateTimeOffset.UtcNow.AddDays(-200);

    private static string At(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string NewKey(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    private Task<HttpResponseMessage> ImportAsync(string body, string format)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(format == "csv" ? "text/csv" : "application/x-ndjson");
        return _admin.PostAsync(new Uri($"/api/v1/imports/events?kind=exposures&format={format}", UriKind.Relative), content, ApiTestExtensions.Ct);
    }

    private static async Task<int> AcceptedAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        JsonElement last = JsonDocument.Parse(text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]).RootElement;
        last.GetProperty("stage").GetString().ShouldBe("done", text);
        return last.GetProperty("accepted").GetInt32();
    }

    private Task<ExposureSummary> SummaryAsync(string key, int phase) =>
        factory.Services.GetRequiredService<IEventStore>().SummarizeExposuresAsync(
            new ExperimentScope("production", key, phase, DateTimeOffset.UtcNow.AddMinutes(5)), ApiTestExtensions.Ct);

    /// <summary>
    /// Creates a resource. The tests' flags and holdouts share this server's units, so collisions are acknowledged:
    /// which trial a unit is in does not matter to what an import stores.
    /// </summary>
    private async Task CreateAsync(string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Acknowledge-Collisions", "true");
        request.Headers.Add("X-Change-Reason", "Imported history is read by arm and side, whatever else reaches the units");
        using HttpResponseMessage created = await _admin.SendAsync(request, ApiTestExtensions.Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    private async Task<string> CreateGuardedFlagAsync()
    {
        string flag = NewKey("guarded");
        await CreateAsync("/api/v1/flags", $$"""
            {"key":"{{flag}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":25,"plan":{"holdback":10,"phase":2} } }]} } }
            """);
        return flag;
    }

    /// <summary>The reason <c>POST /events/v1/batch</c> gives for one exposure, sent now.</summary>
    private async Task<string> BatchReasonAsync(string experiment, string variation)
    {
        using HttpClient sdk = factory.ClientWithKey(await _admin.CreateKeyAsync("server", "production"));
        string unit = NewKey("batch");
        using HttpResponseMessage response = await sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/batch",
            $$"""[{"id":"{{unit}}","type":"exposure","unitId":"{{unit}}","timestamp":"{{At(DateTimeOffset.UtcNow)}}","experiment":"{{experiment}}","variation":"{{variation}}"}]""");
        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        return problem.GetProperty("rejected")[0].GetProperty("reason").GetString()!;
    }

    [Fact]
    public async Task A_rollouts_history_is_imported_by_arm_in_the_plans_phase_and_a_row_naming_no_arm_refuses_the_file_as_a_batch_does()
    {
        string flag = await CreateGuardedFlagAsync();
        string key = RolloutPlan.AnalysisKey(flag, "ramp");
        string p = NewKey("u");
        string Row(int i, string variation, string? phase = null) =>
            $$"""{"id":"{{p}}-{{i}}","unitId":"{{p}}-{{i}}","timestamp":"{{At(s_longAgo.AddMinutes(i))}}","experiment":"{{key}}","variation":"{{variation}}"{{(phase is null ? "" : ",\"phase\":" + phase)}}}""";
        string[] good = [Row(1, "in"), Row(2, "in"), Row(3, "not-yet"), Row(4, "holdback"), Row(5, "in", phase: "7")];

        // One row naming the flag's variation rather than an arm: the whole file is refused, with the batch's reason.
        JsonElement problem = await (await ImportAsync(string.Join('\n', [.. good, Row(6, "on")]), "ndjson"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        JsonElement error = problem.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        error.GetProperty("path").GetString().ShouldBe("line 6");
        error.GetProperty("message").GetString().ShouldBe($"variation 'on' is not an arm of guarded rollout '{key}': not-yet, in, holdback.");
        error.GetProperty("message").GetString().ShouldBe(await BatchReasonAsync(key, "on"));
        (await SummaryAsync(key, 2)).Variations.ShouldBeEmpty("a refused file stores nothing");

        (await AcceptedAsync(await ImportAsync(string.Join('\n', good), "ndjson"))).ShouldBe(5);

        (await SummaryAsync(key, 2)).Variations.ShouldBe(
            [new VariationUnits((int)RolloutArm.NotYet, 1), new VariationUnits((int)RolloutArm.In, 2), new VariationUnits((int)RolloutArm.Holdback, 1)], ignoreOrder: true);
        (await SummaryAsync(key, 7)).Variations.ShouldBe([new VariationUnits((int)RolloutArm.In, 1)]);
    }

    [Fact]
    public async Task A_rule_without_a_plan_is_refused_with_the_batchs_reason()
    {
        string flag = await CreateGuardedFlagAsync();
        string key = RolloutPlan.AnalysisKey(flag, "other-rule");
        string row = $$"""{"unitId":"{{NewKey("u")}}","timestamp":"{{At(s_longAgo)}}","experiment":"{{key}}","variation":"in"}""";

        JsonElement problem = await (await ImportAsync(row, "ndjson")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        string message = problem.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem().GetProperty("message").GetString()!;
        message.ShouldStartWith($"experiment '{key}' does not exist in environment 'production': it is neither an experiment nor a guarded rollout there.");
        message.ShouldBe(await BatchReasonAsync(key, "in"));
    }

    [Fact]
    public async Task A_holdouts_history_is_imported_from_csv_by_side_and_a_side_it_lacks_refuses_the_file_as_a_batch_does()
    {
        string flag = NewKey("launch");
        await CreateAsync("/api/v1/flags", $$"""
            {"key":"{{flag}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"all","rollout":{"variation":"on","percentage":100} }]} } }
            """);
        string holdout = NewKey("hold");
        await CreateAsync("/api/v1/holdouts", $$"""{"key":"{{holdout}}","salt":"{{holdout}}","buckets":[0,500],"scope":{"flags":["{{flag}}"]} }""");

        string key = HoldoutArmKeys.AnalysisKey(holdout);
        string p = NewKey("u");
        string header = "id,unit_id,timestamp,experiment,variation\n";
        string Row(int i, string side) => $"{p}-{i},{p}-{i},{At(s_longAgo.AddMinutes(i))},{key},{side}\n";

        JsonElement problem = await (await ImportAsync(header + Row(1, "held-out") + Row(2, "treatment"), "csv"))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        JsonElement error = problem.GetProperty("errors").EnumerateArray().ShouldHaveSingleItem();
        (error.GetProperty("path").GetString(), error.GetProperty("message").GetString())
            .ShouldBe(("line 3", $"variation 'treatment' is not a side of holdout '{key}': held-out, exposed."));
        error.GetProperty("message").GetString().ShouldBe(await BatchReasonAsync(key, "treatment"));

        (await AcceptedAsync(await ImportAsync(header + Row(1, "held-out") + Row(2, "exposed") + Row(3, "exposed"), "csv"))).ShouldBe(3);

        (await SummaryAsync(key, HoldoutArmKeys.Phase)).Variations.ShouldBe(
            [new VariationUnits((int)HoldoutArm.HeldOut, 1), new VariationUnits((int)HoldoutArm.Exposed, 2)], ignoreOrder: true);
    }
}
