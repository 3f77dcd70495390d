using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// Production requires approval: changes to what it serves wait as change requests that someone other than
/// their author approves, applied at the version they were written against; the kill switch never waits.
/// </summary>
public sealed class ApprovalApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Flag(string key, bool productionOn, int percentage = 100) => $$"""
        {"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{
           "production":{"enabled":{{(productionOn ? "true" : "false")}},"offVariation":"off","defaultVariation":"off",
             "rules":[{"id":"r1","segments":["beta-{{key}}"],"rollout":{"variation":"on","percentage":{{percentage}} } }]},
           "staging":{"enabled":true,"offVariation":"off","defaultVariation":"on","rules":[]} } }
        """;

    private async Task<HttpClient> SecondAdminAsync(bool bypass = false)
    {
        using HttpResponseMessage created = await _admin.PostAsJsonAsync(
            new Uri("/api/v1/api-keys", UriKind.Relative), new { name = bypass ? "release bot" : "second admin", kind = "admin", bypassesApproval = bypass }, ApiTestExtensions.Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return factory.ClientWithKey((await created.JsonAsync()).GetProperty("secret").GetString());
    }

    // Set up with a key that may bypass approval, since tests in this class share one server with production guarded.
    private async Task SetUpAsync(string key, bool productionOn)
    {
        HttpClient bot = await SecondAdminAsync(bypass: true);
        (await bot.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", $$"""{"key":"beta-{{key}}","ids":["u1"]}""")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await bot.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", Flag(key, productionOn))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/environments/production/approval", """{"requiresApproval":true}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<JsonElement> FlagAsync(string key) => (await (await _admin.GetPathAsync($"/api/v1/flags/{key}")).JsonAsync()).GetProperty("document");

    [Fact]
    public async Task A_production_change_waits_until_someone_else_approves_it_and_the_audit_names_both()
    {
        await SetUpAsync("checkout", productionOn: false);

        using HttpResponseMessage toggled = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags/checkout/environments/production/toggle", """{"enabled":true,"reason":"launch"}""");

        toggled.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        JsonElement request = await toggled.JsonAsync();
        request.GetProperty("status").GetString().ShouldBe("pending");
        request.GetProperty("environment").GetString().ShouldBe("production");
        long id = request.GetProperty("id").GetInt64();
        toggled.Headers.Location!.ToString().ShouldBe($"/api/v1/change-requests/{id}");
        (await FlagAsync("checkout")).GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeFalse();

        // Its author cannot approve it.
        (await (await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/change-requests/{id}/approve", "{}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString()!.ShouldContain("someone else must approve it");

        HttpClient second = await SecondAdminAsync();
        using HttpResponseMessage approved = await second.SendJsonAsync(HttpMethod.Post, $"/api/v1/change-requests/{id}/approve", """{"note":"go"}""");

        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement applied = await approved.JsonAsync();
        applied.GetProperty("status").GetString().ShouldBe("applied");
        applied.GetProperty("decidedBy").GetString()!.ShouldStartWith("second admin");
        (await FlagAsync("checkout")).GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        JsonElement audit = await (await _admin.GetPathAsync("/api/v1/audit?kind=flag&key=checkout")).JsonAsync();
        audit[0].GetProperty("action").GetString().ShouldBe("toggle");
        audit[0].GetProperty("actor").GetString()!.ShouldContain("testadmin01");
        audit[0].GetProperty("approver").GetString()!.ShouldStartWith("second admin");
        audit[0].GetProperty("reason").GetString().ShouldBe("launch");
        audit[1].GetProperty("action").GetString().ShouldBe("request");

        // Decided once: a second approval is refused.
        await (await second.SendJsonAsync(HttpMethod.Post, $"/api/v1/change-requests/{id}/approve", "{}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_kill_switch_applies_at_once_and_is_audited_as_such()
    {
        await SetUpAsync("killable", productionOn: true);

        using HttpResponseMessage off = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags/killable/environments/production/toggle", """{"enabled":false}""");

        off.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await FlagAsync("killable")).GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeFalse();
        (await (await _admin.GetPathAsync("/api/v1/audit?kind=flag&key=killable")).JsonAsync())[0].GetProperty("action").GetString().ShouldBe("kill-switch");
    }

    [Fact]
    public async Task An_approved_request_written_against_an_older_version_ends_as_a_conflict_and_overwrites_nothing()
    {
        await SetUpAsync("contested", productionOn: false);
        using HttpResponseMessage asked = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/flags/contested", Flag("contested", productionOn: false, percentage: 10), "\"1\"");
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        long id = (await asked.JsonAsync()).GetProperty("id").GetInt64();

        // Meanwhile a key allowed to bypass approval changes the flag.
        HttpClient bot = await SecondAdminAsync(bypass: true);
        (await bot.SendJsonAsync(HttpMethod.Put, "/api/v1/flags/contested", Flag("contested", productionOn: false, percentage: 50), "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);

        JsonElement problem = await (await bot.SendJsonAsync(HttpMethod.Post, $"/api/v1/change-requests/{id}/approve", "{}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("detail").GetString()!.ShouldContain("version 2");
        (await (await _admin.GetPathAsync($"/api/v1/change-requests/{id}")).JsonAsync()).GetProperty("status").GetString().ShouldBe("conflict");
        (await FlagAsync("contested")).GetProperty("environments").GetProperty("production").GetProperty("rules")[0]
            .GetProperty("rollout").GetProperty("percentage").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task A_segment_used_by_a_flag_on_in_production_waits_but_an_unused_one_and_staging_only_changes_do_not()
    {
        await SetUpAsync("segmented", productionOn: true);
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", """{"key":"unused-segment","ids":["u1"]}""")).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/segments/beta-segmented", """{"key":"beta-segmented","ids":["u1","u2"]}""", "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/segments/unused-segment", """{"key":"unused-segment","ids":["u1","u2"]}""", "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags/segmented/environments/staging/toggle", """{"enabled":false}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_rejected_request_writes_nothing_and_cannot_be_approved_later()
    {
        await SetUpAsync("rejected", productionOn: false);
        long id = (await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags/rejected/environments/production/toggle", """{"enabled":true}""")).JsonAsync()).GetProperty("id").GetInt64();
        HttpClient second = await SecondAdminAsync();

        JsonElement rejected = await (await second.SendJsonAsync(HttpMethod.Post, $"/api/v1/change-requests/{id}/reject", """{"note":"not during the sale"}""")).JsonAsync();

        rejected.GetProperty("status").GetString().ShouldBe("rejected");
        rejected.GetProperty("decisionNote").GetString().ShouldBe("not during the sale");
        await (await second.SendJsonAsync(HttpMethod.Post, $"/api/v1/change-requests/{id}/approve", "{}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await FlagAsync("rejected")).GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Viewers_change_nothing_and_editors_limited_to_staging_change_only_staging_parts()
    {
        await SetUpAsync("limited", productionOn: false);
        IResourceService resources = factory.Services.GetRequiredService<IResourceService>();
        var viewer = new Caller("Vera <vera@example.com>", "account:vera", CallerRole.Viewer);
        var stagingEditor = new Caller("Sam <sam@example.com>", "account:sam", CallerRole.Editor, ["staging"]);
        StoredResource flag = (await resources.GetAsync(ResourceKind.Flag, "limited", ApiTestExtensions.Ct))!;

        ServiceResult<StoredResource> byViewer = await resources.ToggleAsync(viewer, "limited", "staging", false, null, ApiTestExtensions.Ct);
        ServiceResult<StoredResource> segmentByEditor = await resources.UpdateAsync(
            stagingEditor, ResourceKind.Segment, "beta-limited", JsonDocument.Parse("""{"key":"beta-limited","ids":["x"]}""").RootElement, null, ApiTestExtensions.Ct);
        ServiceResult<StoredResource> productionByEditor = await resources.ToggleAsync(stagingEditor, "limited", "production", true, null, ApiTestExtensions.Ct);
        ServiceResult<StoredResource> stagingByEditor = await resources.ToggleAsync(stagingEditor, "limited", "staging", false, null, ApiTestExtensions.Ct);

        byViewer.Problem!.Status.ShouldBe(403);
        segmentByEditor.Problem!.Status.ShouldBe(403);
        productionByEditor.Problem!.Status.ShouldBe(403);
        productionByEditor.Problem.Detail.ShouldContain("covers staging, not 'production'");
        stagingByEditor.Outcome.ShouldBe(ServiceOutcome.Changed);
        stagingByEditor.Value!.Version.ShouldBe(flag.Version + 1);
        JsonElement audit = await (await _admin.GetPathAsync("/api/v1/audit?kind=flag&key=limited")).JsonAsync();
        audit[0].GetProperty("actor").GetString().ShouldBe("Sam <sam@example.com>");
        audit.GetArrayLength().ShouldBe(2); // create, and the editor's staging toggle: the refused ones wrote nothing
    }

    [Fact]
    public async Task Environments_are_added_once_and_their_policy_read_back()
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/environments", """{"key":"qa","name":"QA"}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await created.JsonAsync()).GetProperty("requiresApproval").GetBoolean().ShouldBeFalse();

        JsonElement duplicate = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/environments", """{"key":"qa","name":"QA again"}""")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        duplicate.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.key");
        (await (await _admin.GetPathAsync("/api/v1/environments")).JsonAsync()).EnumerateArray().Select(e => e.GetString()).ShouldContain("qa");
        (await (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/environments/qa/approval", """{"requiresApproval":true}""")).JsonAsync())
            .GetProperty("requiresApproval").GetBoolean().ShouldBeTrue();
        (await (await _admin.GetPathAsync("/api/v1/environments/qa")).JsonAsync()).GetProperty("requiresApproval").GetBoolean().ShouldBeTrue();
    }
}
