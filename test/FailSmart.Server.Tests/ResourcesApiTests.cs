using System.Net;

namespace FailSmart.Server.Tests;

public sealed class ResourcesApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Segment(string key, string description = "first") =>
        $$"""{"key":"{{key}}","description":"{{description}}","tags":["beta"],"ids":["u1","u2"]}""";

    [Fact]
    public async Task Create_then_get_returns_version_1_with_its_etag()
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("employees"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        created.Headers.Location!.ToString().ShouldBe("/api/v1/segments/employees");
        using HttpResponseMessage read = await _admin.GetPathAsync("/api/v1/segments/employees");
        var body = await read.JsonAsync();
        body.GetProperty("version").GetInt64().ShouldBe(1);
        body.GetProperty("tags")[0].GetString().ShouldBe("beta");
        body.GetProperty("document").GetProperty("description").GetString().ShouldBe("first");
    }

    [Fact]
    public async Task Update_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("markets"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/segments/markets", Segment("markets", "second"), "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        int auditBefore = (await (await _admin.GetPathAsync("/api/v1/audit?key=markets")).JsonAsync()).GetArrayLength();

        using HttpResponseMessage stale = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/segments/markets", Segment("markets", "third"), "\"1\"");

        (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64().ShouldBe(2);
        var current = await (await _admin.GetPathAsync("/api/v1/segments/markets")).JsonAsync();
        current.GetProperty("document").GetProperty("description").GetString().ShouldBe("second");
        (await (await _admin.GetPathAsync("/api/v1/audit?key=markets")).JsonAsync()).GetArrayLength().ShouldBe(auditBefore);
    }

    [Fact]
    public async Task Create_existing_key_is_409()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("dupe"));

        using HttpResponseMessage again = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("dupe"));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Archive_hides_from_the_list_but_keeps_it_readable_and_audited()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", Segment("retired"));

        using HttpResponseMessage archived = await _admin.DeleteAsync(new Uri("/api/v1/segments/retired", UriKind.Relative), ApiTestExtensions.Ct);

        archived.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await archived.JsonAsync()).GetProperty("archived").GetBoolean().ShouldBeTrue();
        var list = await (await _admin.GetPathAsync("/api/v1/segments?q=retired")).JsonAsync();
        list.GetProperty("total").GetInt32().ShouldBe(0);
        var withArchived = await (await _admin.GetPathAsync("/api/v1/segments?q=retired&includeArchived=true")).JsonAsync();
        withArchived.GetProperty("total").GetInt32().ShouldBe(1);
        var audit = await (await _admin.GetPathAsync("/api/v1/audit?kind=segment&key=retired")).JsonAsync();
        audit[0].GetProperty("action").GetString().ShouldBe("archive");
        audit[0].GetProperty("actor").GetString()!.ShouldContain("testadmin01");
    }

    [Fact]
    public async Task List_filters_by_tag_and_pages()
    {
        foreach (string key in new[] { "page-a", "page-b", "page-c" })
        {
            using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/metrics", $$"""{"key":"{{key}}","type":"conversion","event":"purchase","tags":["paging"]}""");
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var page = await (await _admin.GetPathAsync("/api/v1/metrics?tag=paging&offset=1&limit=1")).JsonAsync();

        page.GetProperty("total").GetInt32().ShouldBe(3);
        page.GetProperty("items")[0].GetProperty("key").GetString().ShouldBe("page-b");
    }

    [Fact]
    public async Task Get_missing_resource_is_404_problem()
    {
        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/flags/does-not-exist");

        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("does-not-exist");
    }
}
