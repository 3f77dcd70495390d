using System.Net;
using System.Text.Json;
using FailSmart.Server.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// Usage reported by SDKs and counted for OFREP, read back as insights; archiving a flag still evaluated
/// is refused with the counts unless confirmed with a reason.
/// </summary>
public sealed class FlagUsageApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();
    private HttpClient _production = null!;
    private HttpClient _staging = null!;

    public async ValueTask InitializeAsync()
    {
        _production = factory.ClientWithKey(await _admin.CreateKeyAsync("server", "production"));
        _staging = factory.ClientWithKey(await _admin.CreateKeyAsync("server", "staging"));
    }

    public ValueTask DisposeAsync()
    {
        _production.Dispose();
        _staging.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Now => DateTimeOffset.UtcNow.ToString("O");

    private async Task CreateFlagAsync(string key)
    {
        string environment(string name) =>
            $"\"{name}\":{{\"enabled\":true,\"offVariation\":\"off\",\"defaultVariation\":\"on\",\"rules\":[]}}";
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags",
            "{\"key\":\"" + key + "\",\"variations\":[{\"key\":\"off\",\"value\":false},{\"key\":\"on\",\"value\":true}],"
            + "\"environments\":{" + environment("production") + "," + environment("staging") + "}}");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    private static string Report(string id, params (string Flag, string Variation, long Count)[] counts) =>
        JsonSerializer.Serialize(new
        {
            id,
            source = "sdk-dotnet",
            counts = counts.Select(c => new { flag = c.Flag, variation = c.Variation, count = c.Count, lastEvaluated = Now }),
        });

    private static Task<HttpResponseMessage> PostUsageAsync(HttpClient sdk, string body) => sdk.SendJsonAsync(HttpMethod.Post, "/events/v1/usage", body);

    private async Task<JsonElement> InsightAsync(string flag, string environment)
    {
        JsonElement report = await (await _admin.GetPathAsync($"/api/v1/flags/{flag}/insights")).JsonAsync();
        return report.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("environment").GetString() == environment);
    }

    [Fact]
    public async Task Usage_report_counts_once_per_id_and_shows_in_the_flag_insights()
    {
        await CreateFlagAsync("usage-once");

        using HttpResponseMessage first = await PostUsageAsync(_production, Report("flush-usage-once", ("usage-once", "on", 40), ("usage-once", "off", 10)));
        using HttpResponseMessage resent = await PostUsageAsync(_production, Report("flush-usage-once", ("usage-once", "on", 40), ("usage-once", "off", 10)));

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement firstBody = await first.JsonAsync();
        (firstBody.GetProperty("counted").GetInt64(), firstBody.GetProperty("duplicate").GetBoolean()).ShouldBe((50L, false));
        JsonElement resentBody = await resent.JsonAsync();
        (resentBody.GetProperty("counted").GetInt64(), resentBody.GetProperty("duplicate").GetBoolean()).ShouldBe((0L, true));
        JsonElement production = await InsightAsync("usage-once", "production");
        production.GetProperty("evaluations7Days").GetInt64().ShouldBe(50);
        production.GetProperty("evaluations30Days").GetInt64().ShouldBe(50);
        production.GetProperty("variations").EnumerateArray().Select(v => (v.GetProperty("variation").GetString(), v.GetProperty("evaluations").GetInt64(), v.GetProperty("share").GetDouble()))
            .ShouldBe([("on", 40L, 0.8), ("off", 10L, 0.2)]);
        production.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ShouldBe(["sdk-dotnet"]);
        production.GetProperty("status").GetString().ShouldBe("new");
        (await InsightAsync("usage-once", "staging")).GetProperty("evaluations30Days").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Usage_report_counts_of_unknown_flags_and_variations_are_skipped_by_index()
    {
        await CreateFlagAsync("usage-skip");

        using HttpResponseMessage response = await PostUsageAsync(_production,
            Report("flush-usage-skip", ("usage-skip", "on", 3), ("no-such-flag", "on", 5), ("usage-skip", "maybe", 7)));

        JsonElement body = await response.JsonAsync();
        body.GetProperty("counted").GetInt64().ShouldBe(3);
        body.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("index").GetInt32()).ShouldBe([1, 2]);
        body.GetProperty("skipped")[0].GetProperty("reason").GetString()!.ShouldContain("no flag 'no-such-flag'");
        (await InsightAsync("usage-skip", "production")).GetProperty("evaluations7Days").GetInt64().ShouldBe(3);
    }

    [Theory]
    [InlineData("[]", "$")]
    [InlineData("""{"source":"sdk-dotnet","counts":[]}""", "$.id")]
    [InlineData("""{"id":"x1","source":"SDK dotnet","counts":[]}""", "$.source")]
    [InlineData("""{"id":"x2","source":"sdk-dotnet"}""", "$.counts")]
    [InlineData("""{"id":"x3","source":"sdk-dotnet","counts":[{"flag":"usage-bad","variation":"on","count":0,"lastEvaluated":"2026-11-26T10:00:00Z"}]}""", "$.counts[0].count")]
    [InlineData("""{"id":"x4","source":"sdk-dotnet","counts":[{"flag":"usage-bad","variation":"on","count":2,"lastEvaluated":"yesterday"}]}""", "$.counts[0].lastEvaluated")]
    [InlineData("""{"id":"x5","source":"sdk-dotnet","counts":[{"flag":"usage-bad","variation":"on","count":2,"lastEvaluated":"2001-01-01T00:00:00Z"}]}""", "$.counts[0].lastEvaluated")]
    [InlineData("""{"id":"x6","source":"sdk-dotnet","counts":[{"variation":"on","count":2,"lastEvaluated":"2026-11-26T10:00:00Z"}]}""", "$.counts[0].flag")]
    [InlineData("""{"id":"x7","source":"sdk-dotnet","counts":[7]}""", "$.counts[0]")]
    public async Task Usage_report_that_is_not_valid_is_a_400_naming_the_field_and_stores_nothing(string body, string path)
    {
        await CreateFlagAsync("usage-bad-" + path.Length + body.Length);

        using HttpResponseMessage response = await PostUsageAsync(_staging, body.Replace("usage-bad", "usage-bad-" + path.Length + body.Length, StringComparison.Ordinal));

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldContain(path);
        problem.GetProperty("errors").EnumerateArray().ShouldAllBe(e => e.GetProperty("hint").GetString()!.Length > 0);
        (await InsightAsync("usage-bad-" + path.Length + body.Length, "staging")).GetProperty("evaluations30Days").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Usage_report_with_an_admin_key_is_refused()
    {
        using HttpResponseMessage response = await PostUsageAsync(_admin, Report("flush-admin"));

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ofrep_evaluations_are_counted_per_variation_and_written_by_the_usage_writer()
    {
        await CreateFlagAsync("usage-ofrep");
        using HttpClient client = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));

        for (int i = 0; i < 3; i++)
        {
            using HttpResponseMessage one = await client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags/usage-ofrep", "{\"context\":{\"targetingKey\":\"u-" + i + "\"}}");
            one.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using HttpResponseMessage all = await client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u-9"}}""");
        all.StatusCode.ShouldBe(HttpStatusCode.OK);
        await factory.Services.GetRequiredService<UsageWriter>().WriteAsync(ApiTestExtensions.Ct);

        JsonElement production = await InsightAsync("usage-ofrep", "production");
        production.GetProperty("evaluations7Days").GetInt64().ShouldBe(4);
        production.GetProperty("variations").EnumerateArray().Single().GetProperty("variation").GetString().ShouldBe("on");
        production.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ShouldContain("ofrep");
    }

    [Fact]
    public async Task Archive_of_a_flag_evaluated_this_week_is_409_with_the_counts_and_changes_nothing()
    {
        await CreateFlagAsync("usage-guarded");
        await PostUsageAsync(_production, Report("flush-guarded-p", ("usage-guarded", "on", 18_204)));
        await PostUsageAsync(_staging, Report("flush-guarded-s", ("usage-guarded", "off", 12)));
        int audits = (await (await _admin.GetPathAsync("/api/v1/audit?key=usage-guarded")).JsonAsync()).GetArrayLength();

        using HttpResponseMessage refused = await _admin.DeleteAsync(new Uri("/api/v1/flags/usage-guarded", UriKind.Relative), ApiTestExtensions.Ct);

        JsonElement problem = await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe(
            "usage-guarded was evaluated 18,204 times in production and 12 in staging in the last 7 days; clients would fall back to their in-code defaults. "
            + "Confirm with a reason to archive anyway (X-Confirm-Archive: true and X-Change-Reason).");
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["environments.production", "environments.staging"]);
        JsonElement stored = await (await _admin.GetPathAsync("/api/v1/flags/usage-guarded")).JsonAsync();
        (stored.GetProperty("archived").GetBoolean(), stored.GetProperty("version").GetInt64()).ShouldBe((false, 1L));
        (await (await _admin.GetPathAsync("/api/v1/audit?key=usage-guarded")).JsonAsync()).GetArrayLength().ShouldBe(audits);
    }

    [Fact]
    public async Task Archive_confirmed_without_a_reason_is_400_and_with_one_archives_and_audits_the_reason_and_counts()
    {
        await CreateFlagAsync("usage-confirmed");
        await PostUsageAsync(_production, Report("flush-confirmed", ("usage-confirmed", "on", 5)));

        using var unexplained = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/flags/usage-confirmed");
        unexplained.Headers.Add("X-Confirm-Archive", "true");
        using HttpResponseMessage noReason = await _admin.SendAsync(unexplained, ApiTestExtensions.Ct);
        JsonElement problem = await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("X-Change-Reason");
        (await (await _admin.GetPathAsync("/api/v1/flags/usage-confirmed")).JsonAsync()).GetProperty("archived").GetBoolean().ShouldBeFalse();

        using var confirmed = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/flags/usage-confirmed");
        confirmed.Headers.Add("X-Confirm-Archive", "true");
        confirmed.Headers.Add("X-Change-Reason", "old app versions only; they default to on");
        using HttpResponseMessage archived = await _admin.SendAsync(confirmed, ApiTestExtensions.Ct);

        archived.StatusCode.ShouldBe(HttpStatusCode.OK, await archived.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        (await archived.JsonAsync()).GetProperty("archived").GetBoolean().ShouldBeTrue();
        JsonElement audit = (await (await _admin.GetPathAsync("/api/v1/audit?key=usage-confirmed")).JsonAsync())[0];
        audit.GetProperty("action").GetString().ShouldBe("archive");
        audit.GetProperty("reason").GetString().ShouldBe(
            "old app versions only; they default to on Archived while in use: usage-confirmed was evaluated 5 times in production in the last 7 days.");
    }

    [Fact]
    public async Task Archive_of_a_flag_nobody_evaluated_needs_no_confirmation()
    {
        await CreateFlagAsync("usage-idle");

        using HttpResponseMessage archived = await _admin.DeleteAsync(new Uri("/api/v1/flags/usage-idle", UriKind.Relative), ApiTestExtensions.Ct);

        archived.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("?environment=nowhere", "environment")]
    [InlineData("?staleAfterDays=0", "staleAfterDays")]
    [InlineData("?staleAfterDays=91", "staleAfterDays")]
    [InlineData("?staleAfterDays=ten", "staleAfterDays")]
    public async Task Insights_list_with_a_bad_query_is_400_naming_it(string query, string field)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/flags/insights" + query);

        JsonElement problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe(field);
    }

    [Fact]
    public async Task Insights_list_filters_by_environment_and_a_missing_flag_is_404()
    {
        await CreateFlagAsync("usage-listed");

        JsonElement report = await (await _admin.GetPathAsync("/api/v1/flags/insights?environment=staging&staleAfterDays=14")).JsonAsync();
        using HttpResponseMessage missing = await _admin.GetPathAsync("/api/v1/flags/no-such-flag/insights");

        report.GetProperty("staleAfterDays").GetInt32().ShouldBe(14);
        report.GetProperty("flags").EnumerateArray().ShouldAllBe(f => f.GetProperty("environment").GetString() == "staging");
        report.GetProperty("flags").EnumerateArray().Select(f => f.GetProperty("flag").GetString()).ShouldContain("usage-listed");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
