using System.Net;

namespace FailSmart.Server.Tests;

/// <summary>Bodies that bind silently wrong are refused with the path: duplicates, unknown properties, text that is not Unicode, infinite numbers.</summary>
public sealed class RequestBodyTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private async Task<int> KeyCountAsync() => (await (await _admin.GetPathAsync("/api/v1/api-keys")).JsonAsync()).GetArrayLength();

    private async Task<HttpResponseMessage> PostBytesAsync(string path, byte[] body, string contentType = "application/json")
    {
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await _admin.PostAsync(new Uri(path, UriKind.Relative), content, ApiTestExtensions.Ct);
    }

    [Fact]
    public async Task Api_key_with_duplicate_kind_is_400_naming_it_and_creates_no_key()
    {
        int before = await KeyCountAsync();

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys",
            """{"name":"sneaky","kind":"client","environment":"production","kind":"admin"}""");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.kind");
        (await KeyCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Api_key_with_unknown_property_is_400_naming_it_and_listing_the_allowed_ones()
    {
        int before = await KeyCountAsync();

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/api-keys",
            """{"name":"typo","kind":"admin","expires":"2030-01-01T00:00:00Z"}""");

        var error = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.expires");
        error.GetProperty("hint").GetString()!.ShouldContain("expiresAt");
        (await KeyCountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Toggle_with_unknown_property_is_400()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags/any/environments/production/toggle", """{"enable":false}""");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.enable");
    }

    [Theory]
    [InlineData("""{"key":"s1","description":"\ud800","condition":{}}""", "$.description")]
    [InlineData("""{"key":"s2","condition":{"country":"\udfff"}}""", "$.condition.country")]
    [InlineData("""{"key":"s3","condition":{"\ud800":"SE"}}""", "$.condition")]
    public async Task Lone_surrogate_anywhere_in_a_body_is_400_naming_the_path(string body, string path)
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", body);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe(path);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_string_is_400_naming_the_path()
    {
        using HttpResponseMessage response = await PostBytesAsync("/api/v1/layers", [.. "{\"key\":\"l1\",\"description\":\""u8, 0xC3, 0x28, .. "\"}"u8]);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.description");
    }

    [Fact]
    public async Task Number_beyond_a_double_is_400_and_never_stored_as_null()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags",
            """{"key":"huge","type":"number","variations":[{"key":"big","value":1e400}],"environments":{}}""");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.variations[0].value");
        (await _admin.GetPathAsync("/api/v1/flags/huge")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Experiment_phase_below_1_is_422(int phase)
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments",
            $$"""{"key":"phase-{{-phase}}","phase":{{phase}},"variations":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}]}""");

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.phase");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("qa")]
    public async Task Flag_for_an_environment_that_does_not_exist_is_422_listing_those_that_do(string environment)
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags",
            "{\"key\":\"env-" + environment.ToLowerInvariant() + "\",\"variations\":[{\"key\":\"off\",\"value\":false}],"
            + "\"environments\":{\"" + environment + "\":{\"enabled\":true,\"offVariation\":\"off\",\"defaultVariation\":\"off\"}}}");

        var error = (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.environments." + environment);
        error.GetProperty("hint").GetString()!.ShouldContain("development, staging, production");
    }

    [Fact]
    public async Task Flag_environment_without_enabled_is_422_naming_it()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags",
            """{"key":"no-enabled","variations":[{"key":"off","value":false}],"environments":{"production":{"offVariation":"off","defaultVariation":"off"}}}""");

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetProperty("path").GetString()
            .ShouldBe("$.environments.production.enabled");
    }

    [Fact]
    public async Task Wrong_content_type_is_415_that_says_what_to_send()
    {
        using HttpResponseMessage response = await PostBytesAsync("/api/v1/api-keys", """{"name":"x","kind":"admin"}"""u8.ToArray(), "text/plain");

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType)).GetProperty("detail").GetString()!.ShouldContain("application/json");
    }

    [Fact]
    public async Task Search_text_with_like_wildcards_matches_them_literally()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/layers", """{"key":"plain-layer"}""");
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/layers", """{"key":"under_score"}""");

        var percent = await (await _admin.GetPathAsync("/api/v1/layers?q=%25")).JsonAsync();
        var underscore = await (await _admin.GetPathAsync("/api/v1/layers?q=_")).JsonAsync();

        percent.GetProperty("total").GetInt32().ShouldBe(0);
        underscore.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()).ShouldBe(["under_score"]);
    }
}
