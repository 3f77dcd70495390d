using System.Net;

namespace FailSmart.Server.Tests;

/// <summary>Archive is idempotent, PUT never brings a resource back, unarchive is its own validated, audited write.</summary>
public sealed class ArchiveApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Segment(string key) => $$$"""{"key":"{{{key}}}","condition":{"country":"SE"}}""";

    private static string FlagUsing(string key, string segment) =>
        "{\"key\":\"" + key + "\",\"variations\":[{\"key\":\"off\",\"value\":false},{\"key\":\"on\",\"value\":true}],"
        + "\"environments\":{\"production\":{\"enabled\":true,\"offVariation\":\"off\",\"defaultVariation\":\"off\","
        + "\"rules\":[{\"id\":\"r\",\"segments\":[\"" + segment + "\"],\"force\":{\"variation\":\"on\"}}]}}}";

    private async Task<int> AuditCountAsync(string key) =>
        (await (await _admin.GetPathAsync($"/api/v1/audit?key={key}")).JsonAsync()).GetArrayLength();

    [Fact]
    public async Task Archive_archived_resource_answers_it_unchanged_without_a_new_version_or_audit_entry()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("twice"));
        using HttpResponseMessage first = await _admin.SendJsonAsync(HttpMethod.Delete, "/api/v1/segments/twice", "{}");
        int audits = await AuditCountAsync("twice");

        using HttpResponseMessage second = await _admin.DeleteAsync(new Uri("/api/v1/segments/twice", UriKind.Relative), ApiTestExtensions.Ct);

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await second.JsonAsync();
        body.GetProperty("archived").GetBoolean().ShouldBeTrue();
        body.GetProperty("version").GetInt64().ShouldBe(2);
        second.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await AuditCountAsync("twice")).ShouldBe(audits);
    }

    [Fact]
    public async Task Put_on_archived_resource_is_409_saying_how_to_unarchive_and_changes_nothing()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("parked"));
        await _admin.DeleteAsync(new Uri("/api/v1/segments/parked", UriKind.Relative), ApiTestExtensions.Ct);

        using HttpResponseMessage put = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/segments/parked", """{"key":"parked","condition":{"country":"NO"}}""");

        var problem = await put.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("/api/v1/segments/parked/unarchive");
        var stored = await (await _admin.GetPathAsync("/api/v1/segments/parked")).JsonAsync();
        stored.GetProperty("archived").GetBoolean().ShouldBeTrue();
        stored.GetProperty("version").GetInt64().ShouldBe(2);
        stored.GetProperty("document").GetProperty("condition").GetProperty("country").GetString().ShouldBe("SE");
    }

    [Fact]
    public async Task Unarchive_brings_it_back_with_a_new_version_and_an_unarchive_audit_entry()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("returning"));
        await _admin.DeleteAsync(new Uri("/api/v1/segments/returning", UriKind.Relative), ApiTestExtensions.Ct);

        using HttpResponseMessage back = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments/returning/unarchive", "", ifMatch: "\"2\"");

        back.StatusCode.ShouldBe(HttpStatusCode.OK, await back.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        var body = await back.JsonAsync();
        body.GetProperty("archived").GetBoolean().ShouldBeFalse();
        body.GetProperty("version").GetInt64().ShouldBe(3);
        var audit = await (await _admin.GetPathAsync("/api/v1/audit?key=returning")).JsonAsync();
        audit[0].GetProperty("action").GetString().ShouldBe("unarchive");
        (await (await _admin.GetPathAsync("/api/v1/segments?q=returning")).JsonAsync()).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Unarchive_with_a_stale_if_match_is_412()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("stale-back"));
        await _admin.DeleteAsync(new Uri("/api/v1/segments/stale-back", UriKind.Relative), ApiTestExtensions.Ct);

        using HttpResponseMessage back = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments/stale-back/unarchive", "", ifMatch: "\"1\"");

        await back.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Unarchive_that_would_leave_the_configuration_invalid_is_422_and_stays_archived()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("needed"));
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", FlagUsing("uses-needed", "needed"));
        await _admin.DeleteAsync(new Uri("/api/v1/flags/uses-needed", UriKind.Relative), ApiTestExtensions.Ct);
        await _admin.DeleteAsync(new Uri("/api/v1/segments/needed", UriKind.Relative), ApiTestExtensions.Ct);

        using HttpResponseMessage back = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags/uses-needed/unarchive", "");

        (await back.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetRawText().ShouldContain("needed");
        (await (await _admin.GetPathAsync("/api/v1/flags/uses-needed")).JsonAsync()).GetProperty("archived").GetBoolean().ShouldBeTrue();
    }
}
