using System.Globalization;
using System.Net;
using System.Text.Json;
using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Application.Schedules;
using FailSmart.Storage.Config;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// Scheduled changes: refused when scheduled as an immediate write would be, applied exactly once when due as
/// their author's write, failed without overwriting anything when the resource changed since, never applied
/// once cancelled, and turned into a change request where approval is required.
/// </summary>
public sealed class SchedulesApiTests(FakeClockFactory factory) : IClassFixture<FakeClockFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Flag(string key) => $$"""
        {"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{
           "production":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[]},
           "development":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[]} } }
        """;

    private string Due(TimeSpan fromNow) => (factory.Clock.GetUtcNow() + fromNow).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private async Task CreateFlagAsync(string key) =>
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", Flag(key))).StatusCode.ShouldBe(HttpStatusCode.Created);

    private async Task<JsonElement> ScheduleToggleAsync(string key, string environment = "production", bool enabled = true, TimeSpan? inFuture = null)
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules",
            $$"""{"dueAt":"{{Due(inFuture ?? TimeSpan.FromHours(1))}}","change":{"kind":"flag","key":"{{key}}","environment":"{{environment}}","enabled":{{(enabled ? "true" : "false")}}},"reason":"launch {{key}}"}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await created.JsonAsync();
    }

    private Task<int> RunDueAsync() => factory.Services.GetRequiredService<IScheduleRunner>().RunDueAsync(ApiTestExtensions.Ct);

    private async Task<JsonElement> FlagAsync(string key) => await (await _admin.GetPathAsync($"/api/v1/flags/{key}")).JsonAsync();

    private async Task<JsonElement> ScheduleAsync(long id) => await (await _admin.GetPathAsync($"/api/v1/schedules/{id}")).JsonAsync();

    private async Task<string[]> AuditActionsAsync(string key) =>
        [.. (await (await _admin.GetPathAsync($"/api/v1/audit?kind=flag&key={key}")).JsonAsync()).EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];

    [Fact]
    public async Task A_toggle_is_applied_once_when_due_and_not_before()
    {
        await CreateFlagAsync("launch");
        JsonElement schedule = await ScheduleToggleAsync("launch", inFuture: TimeSpan.FromMinutes(10));
        long id = schedule.GetProperty("id").GetInt64();
        (schedule.GetProperty("status").GetString(), schedule.GetProperty("action").GetString(), schedule.GetProperty("baseVersion").GetInt64()).ShouldBe(("pending", "toggle", 1L));

        factory.Clock.Advance(TimeSpan.FromMinutes(9));
        await RunDueAsync();
        (await FlagAsync("launch")).GetProperty("version").GetInt64().ShouldBe(1);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunDueAsync();
        await RunDueAsync();

        JsonElement flag = await FlagAsync("launch");
        flag.GetProperty("version").GetInt64().ShouldBe(2);
        flag.GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        JsonElement applied = await ScheduleAsync(id);
        applied.GetProperty("status").GetString().ShouldBe("applied");
        applied.GetProperty("appliedRevision").GetInt64().ShouldBeGreaterThan(0);
        (await AuditActionsAsync("launch")).ShouldBe(["schedule.apply", "toggle", "schedule.create", "create"]);
        JsonElement audit = (await (await _admin.GetPathAsync("/api/v1/audit?kind=flag&key=launch")).JsonAsync())[1];
        (audit.GetProperty("reason").GetString(), audit.GetProperty("environment").GetString()).ShouldBe(("launch launch", "production"));
        audit.GetProperty("actor").GetString()!.ShouldContain("testadmin01");
    }

    [Fact]
    public async Task A_change_to_a_flag_changed_since_fails_with_a_clear_message_and_overwrites_nothing()
    {
        await CreateFlagAsync("moved");
        long id = (await ScheduleToggleAsync("moved", "development")).GetProperty("id").GetInt64();
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags/moved/environments/production/toggle", """{"enabled":true}""")).StatusCode.ShouldBe(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromHours(2));
        await RunDueAsync();

        JsonElement failed = await ScheduleAsync(id);
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("message").GetString()!.ShouldContain("changed since this change was scheduled: it is at version 2, not 1, so nothing was overwritten");
        JsonElement flag = await FlagAsync("moved");
        flag.GetProperty("version").GetInt64().ShouldBe(2);
        flag.GetProperty("document").GetProperty("environments").GetProperty("development").GetProperty("enabled").GetBoolean().ShouldBeFalse();
        (await AuditActionsAsync("moved"))[0].ShouldBe("schedule.fail");
    }

    [Fact]
    public async Task A_cancelled_change_is_never_applied_and_cannot_be_cancelled_twice()
    {
        await CreateFlagAsync("called-off");
        long id = (await ScheduleToggleAsync("called-off", inFuture: TimeSpan.FromMinutes(5))).GetProperty("id").GetInt64();

        using HttpResponseMessage cancelled = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/schedules/{id}/cancel", """{"reason":"launch moved"}""");
        factory.Clock.Advance(TimeSpan.FromHours(1));
        await RunDueAsync();

        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement after = await ScheduleAsync(id);
        (after.GetProperty("status").GetString(), after.GetProperty("message").GetString()).ShouldBe(("cancelled", "launch moved"));
        (await FlagAsync("called-off")).GetProperty("version").GetInt64().ShouldBe(1);
        (await AuditActionsAsync("called-off")).ShouldBe(["schedule.cancel", "schedule.create", "create"]);
        (await (await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/schedules/{id}/cancel", "{}")).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .GetProperty("detail").GetString()!.ShouldContain("is cancelled");
        await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules/987654/cancel", "{}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_document_change_is_validated_when_scheduled_and_applied_when_due()
    {
        await CreateFlagAsync("doc");
        string changed = Flag("doc").Replace("\"defaultVariation\":\"on\",\"rules\":[]} } }", "\"defaultVariation\":\"off\",\"rules\":[]} } }", StringComparison.Ordinal);
        string invalid = Flag("doc").Replace("\"defaultVariation\":\"on\"", "\"defaultVariation\":\"nope\"", StringComparison.Ordinal);

        JsonElement refused = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules",
            $$"""{"dueAt":"{{Due(TimeSpan.FromHours(1))}}","change":{"kind":"flag","key":"doc","document":{{invalid}} } }""")).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules",
            $$"""{"dueAt":"{{Due(TimeSpan.FromHours(1))}}","change":{"kind":"flag","key":"doc","document":{{changed}} } }""");
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await RunDueAsync();

        refused.GetProperty("errors").EnumerateArray().ShouldNotBeEmpty();
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        (await created.JsonAsync()).GetProperty("action").GetString().ShouldBe("update");
        JsonElement flag = await FlagAsync("doc");
        flag.GetProperty("version").GetInt64().ShouldBe(2);
        flag.GetProperty("document").GetProperty("environments").GetProperty("development").GetProperty("defaultVariation").GetString().ShouldBe("off");
        (await AuditActionsAsync("doc")).ShouldBe(["schedule.apply", "update", "schedule.create", "create"]);
    }

    [Theory]
    [InlineData("""{"dueAt":"2001-01-01T00:00:00Z","change":{"kind":"flag","key":"bad-input","environment":"production","enabled":true}}""", 400, "$.dueAt")]
    [InlineData("""{"change":{"kind":"flag","key":"bad-input","environment":"production","enabled":true}}""", 400, "$.dueAt")]
    [InlineData("""{"dueAt":"FUTURE"}""", 400, "$.change")]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"flag","key":"bad-input","environment":"production"}}""", 400, "$.change.enabled")]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"flag","key":"bad-input","environment":"production","enabled":true,"colour":1}}""", 400, "$.change.colour")]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"dragon","key":"bad-input","environment":"production","enabled":true}}""", 400, "$.change.kind")]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"segment","key":"bad-input","environment":"production","enabled":true}}""", 400, "$.change.kind")]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"flag","key":"bad-input","document":[]}}""", 400, "$.change.document")]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"flag","key":"bad-input","environment":"moon","enabled":true}}""", 404, null)]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"flag","key":"no-such-flag","environment":"production","enabled":true}}""", 404, null)]
    [InlineData("""{"dueAt":"FUTURE","change":{"kind":"flag","key":"bad-input","document":{"key":"other"}}}""", 400, "$.key")]
    public async Task A_bad_request_is_a_problem_naming_the_field_and_stores_nothing(string body, int status, string? field)
    {
        if ((await _admin.GetPathAsync("/api/v1/flags/bad-input")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateFlagAsync("bad-input");
        }

        int before = (await (await _admin.GetPathAsync("/api/v1/schedules?limit=200")).JsonAsync()).GetArrayLength();

        JsonElement problem = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules", body.Replace("FUTURE", Due(TimeSpan.FromHours(1)), StringComparison.Ordinal)))
            .ShouldBeProblemAsync((HttpStatusCode)status);

        if (field is not null)
        {
            problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldContain(field);
        }

        (await (await _admin.GetPathAsync("/api/v1/schedules?limit=200")).JsonAsync()).GetArrayLength().ShouldBe(before);
    }

    [Fact]
    public async Task A_viewer_cannot_schedule_or_cancel()
    {
        await CreateFlagAsync("viewed");
        IScheduleService schedules = factory.Services.GetRequiredService<IScheduleService>();
        long id = (await ScheduleToggleAsync("viewed")).GetProperty("id").GetInt64();
        var viewer = new Caller("Vic <vic@example.com>", "account:vic", CallerRole.Viewer);

        ServiceResult<ScheduledChange> created = await schedules.CreateAsync(
            viewer, factory.Clock.GetUtcNow().AddHours(1), ScheduleChangeInput.Toggle("viewed", "production", true), ApiTestExtensions.Ct);
        ServiceResult<ScheduledChange> cancelled = await schedules.CancelAsync(viewer, id, ApiTestExtensions.Ct);

        (created.Problem!.Status, cancelled.Problem!.Status).ShouldBe((403, 403));
        created.Problem.Detail.ShouldContain("Viewers can read everything but change nothing");
        (await ScheduleAsync(id)).GetProperty("status").GetString().ShouldBe("pending");
    }

    [Fact]
    public async Task A_change_by_a_key_revoked_since_fails_when_due()
    {
        await CreateFlagAsync("orphan");
        string key = await _admin.CreateKeyAsync("admin", null);
        using HttpClient other = factory.ClientWithKey(key);
        using HttpResponseMessage created = await other.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules",
            $$"""{"dueAt":"{{Due(TimeSpan.FromMinutes(1))}}","change":{"kind":"flag","key":"orphan","environment":"production","enabled":true} }""");
        long id = (await created.JsonAsync()).GetProperty("id").GetInt64();
        string keyId = key.Split('_')[2];
        (await _admin.DeleteAsync(new Uri($"/api/v1/api-keys/{keyId}", UriKind.Relative), ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunDueAsync();

        JsonElement failed = await ScheduleAsync(id);
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("message").GetString()!.ShouldContain("has been revoked or has expired");
        (await FlagAsync("orphan")).GetProperty("version").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task A_change_due_in_an_environment_that_requires_approval_becomes_a_change_request()
    {
        await CreateFlagAsync("guarded");
        JsonElement schedule = await ScheduleToggleAsync("guarded", "development", inFuture: TimeSpan.FromMinutes(1));
        (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/environments/development/approval", """{"requiresApproval":true}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        try
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(2));
            await RunDueAsync();
            await RunDueAsync();

            JsonElement waiting = await ScheduleAsync(schedule.GetProperty("id").GetInt64());
            waiting.GetProperty("status").GetString().ShouldBe("waiting-for-approval");
            long requestId = waiting.GetProperty("changeRequestId").GetInt64();
            JsonElement request = await (await _admin.GetPathAsync($"/api/v1/change-requests/{requestId}")).JsonAsync();
            (request.GetProperty("status").GetString(), request.GetProperty("environment").GetString(), request.GetProperty("action").GetString())
                .ShouldBe(("pending", "development", "toggle"));
            (await FlagAsync("guarded")).GetProperty("version").GetInt64().ShouldBe(1);
            JsonElement requests = await (await _admin.GetPathAsync("/api/v1/change-requests?kind=flag&key=guarded")).JsonAsync();
            requests.GetArrayLength().ShouldBe(1);
        }
        finally
        {
            (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/environments/development/approval", """{"requiresApproval":false}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
