using System.Net;
using System.Net.Http.Json;

namespace FailSmart.Server.Tests;

/// <summary>Bad input gets a 4xx ProblemDetails that says what to fix, never a 500, and changes nothing.</summary>
public sealed class BadInputTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private async Task<long> RevisionAsync() =>
        (await (await _admin.GetPathAsync("/api/v1/audit?limit=1")).JsonAsync()) is { } entries && entries.GetArrayLength() > 0
            ? entries[0].GetProperty("revision").GetInt64()
            : 0;

    [Theory]
    [InlineData("{\"key\": \"broken\"", "could not be read")]
    [InlineData("not json at all", "could not be read")]
    [InlineData("[1, 2, 3]", "must be a JSON object")]
    [InlineData("{\"description\": \"no key\"}", "$.key")]
    [InlineData("{\"key\": 42}", "$.key")]
    [InlineData("{\"key\": \"has spaces in it\"}", "not a valid key")]
    [InlineData("{\"key\": \"ok\", \"tags\": \"not-an-array\"}", "$.tags")]
    public async Task Malformed_or_wrongly_typed_body_is_400_and_changes_nothing(string body, string expected)
    {
        long before = await RevisionAsync();

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", body);

        string problem = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetRawText();
        problem.ShouldContain(expected);
        (await RevisionAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Empty_body_is_400()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", "");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Key_for_an_unknown_environment_is_400_naming_the_environments()
    {
        using HttpResponseMessage response = await _admin.PostAsJsonAsync(
            new Uri("/api/v1/api-keys", UriKind.Relative), new { name = "x", kind = "server", environment = "moon" }, ApiTestExtensions.Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.environment");
        problem.GetProperty("errors")[0].GetProperty("hint").GetString()!.ShouldContain("production");
    }

    [Fact]
    public async Task Key_request_lists_every_problem_at_once()
    {
        using HttpResponseMessage response = await _admin.PostAsJsonAsync(
            new Uri("/api/v1/api-keys", UriKind.Relative), new { name = "", kind = "superuser" }, ApiTestExtensions.Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["$.name", "$.kind"]);
    }

    [Fact]
    public async Task Expired_key_is_401()
    {
        using HttpResponseMessage response = await _admin.PostAsJsonAsync(
            new Uri("/api/v1/api-keys", UriKind.Relative), new { name = "past", kind = "admin", expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }, ApiTestExtensions.Ct);

        // Creating an already-expired key is refused outright.
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetRawText().ShouldContain("$.expiresAt");
    }

    [Fact]
    public async Task If_match_that_is_not_an_etag_is_400()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/layers", "{\"key\":\"etag-layer\"}");

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/layers/etag-layer", "{\"key\":\"etag-layer\"}", "version-one");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetRawText().ShouldContain("If-Match");
    }

    [Fact]
    public async Task Renaming_through_put_is_400()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/layers", "{\"key\":\"rename-me\"}");

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/layers/rename-me", "{\"key\":\"renamed\"}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetRawText().ShouldContain("cannot be renamed");
    }

    [Theory]
    [InlineData("/api/v1/flags?limit=0")]
    [InlineData("/api/v1/flags?limit=abc")]
    [InlineData("/api/v1/flags?offset=-1")]
    [InlineData("/api/v1/audit?limit=9999")]
    public async Task Bad_query_parameter_is_400(string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
