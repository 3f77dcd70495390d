using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>Conformance with the OpenFeature Remote Evaluation Protocol (open-feature/protocol, service/openapi.yaml).</summary>
public sealed class OfrepTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/flags/new-checkout")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleConfiguration.LoadAsync(_admin);
        }

        _client = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<HttpResponseMessage> EvaluateAsync(string key, string body) => _client.SendJsonAsync(HttpMethod.Post, $"/ofrep/v1/evaluate/flags/{key}", body);

    [Fact]
    public async Task Targeting_match_returns_value_variant_reason_and_metadata()
    {
        using HttpResponseMessage response = await EvaluateAsync("new-checkout", """{"context":{"targetingKey":"u-1","email":"ana@failsmart.dev"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement body = await response.JsonAsync();
        body.GetProperty("key").GetString().ShouldBe("new-checkout");
        body.GetProperty("value").GetBoolean().ShouldBeTrue();
        body.GetProperty("variant").GetString().ShouldBe("on");
        body.GetProperty("reason").GetString().ShouldBe("TARGETING_MATCH");
        body.GetProperty("metadata").GetProperty("ruleId").GetString().ShouldBe("staff");
    }

    [Fact]
    public async Task No_rule_matching_returns_the_default_variation()
    {
        using HttpResponseMessage response = await EvaluateAsync("new-checkout", """{"context":{"targetingKey":"u-2","country":"SE","appVersion":"1.0.0"}}""");

        JsonElement body = await response.JsonAsync();
        body.GetProperty("value").GetBoolean().ShouldBeFalse();
        body.GetProperty("reason").GetString().ShouldBe("DEFAULT");
    }

    [Fact]
    public async Task Experiment_flag_is_a_split_with_the_experiment_in_metadata()
    {
        using HttpResponseMessage response = await EvaluateAsync("no-ads", """{"context":{"targetingKey":"unit-42"}}""");

        JsonElement body = await response.JsonAsync();
        body.GetProperty("reason").GetString().ShouldBeOneOf("SPLIT", "HOLDOUT", "DEFAULT");
        if (body.GetProperty("reason").GetString() == "SPLIT")
        {
            body.GetProperty("metadata").GetProperty("experimentKey").GetString().ShouldBe("no-ads-retention");
        }
    }

    [Fact]
    public async Task Unknown_flag_is_404_FLAG_NOT_FOUND()
    {
        using HttpResponseMessage response = await EvaluateAsync("nope", """{"context":{"targetingKey":"u"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonElement body = await response.JsonAsync();
        body.GetProperty("key").GetString().ShouldBe("nope");
        body.GetProperty("errorCode").GetString().ShouldBe("FLAG_NOT_FOUND");
        body.GetProperty("errorDetails").GetString()!.ShouldContain("nope");
    }

    [Theory]
    [InlineData("{not json", "PARSE_ERROR")]
    [InlineData("[]", "PARSE_ERROR")]
    [InlineData("{\"context\": 5}", "INVALID_CONTEXT")]
    [InlineData("{\"context\": {\"targetingKey\": 7}}", "INVALID_CONTEXT")]
    [InlineData("{\"context\": {}}", "TARGETING_KEY_MISSING")]
    public async Task Bad_request_is_400_with_the_ofrep_error_code(string body, string errorCode)
    {
        using HttpResponseMessage response = await EvaluateAsync("no-ads", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonElement problem = await response.JsonAsync();
        problem.GetProperty("key").GetString().ShouldBe("no-ads");
        problem.GetProperty("errorCode").GetString().ShouldBe(errorCode);
        problem.GetProperty("errorDetails").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("""{"context":{"targetingKey":"u-1","plan":"free","plan":"pro"}}""", "$.context.plan")]
    [InlineData("""{"context":{"targetingKey":"u-1","\ud800":"x"}}""", "$.context")]
    [InlineData("""{"context":{"targetingKey":"\udc00"}}""", "$.context.targetingKey")]
    [InlineData("""{"context":{"targetingKey":"u-1","score":1e400}}""", "$.context.score")]
    [InlineData("""{"context":{"targetingKey":"u-1"},"context":{"targetingKey":"u-2"}}""", "$.context")]
    public async Task Context_that_cannot_be_used_is_400_invalid_context_naming_the_path(string body, string path)
    {
        foreach (string route in (string[])["/ofrep/v1/evaluate/flags/no-ads", "/ofrep/v1/evaluate/flags"])
        {
            using HttpResponseMessage response = await _client.SendJsonAsync(HttpMethod.Post, route, body);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, route);
            JsonElement error = await response.JsonAsync();
            error.GetProperty("errorCode").GetString().ShouldBe("INVALID_CONTEXT", route);
            error.GetProperty("errorDetails").GetString()!.ShouldStartWith(path + ":", customMessage: route);
        }
    }

    [Fact]
    public async Task Bulk_evaluates_every_flag_with_an_etag_and_304_when_unchanged()
    {
        const string body = """{"context":{"targetingKey":"u-3","email":"bo@failsmart.dev"}}""";

        using HttpResponseMessage first = await _client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", body);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement flags = (await first.JsonAsync()).GetProperty("flags");
        flags.EnumerateArray().Select(f => f.GetProperty("key").GetString()).ShouldBe(["new-checkout", "checkout-button", "no-ads"], ignoreOrder: true);
        string etag = first.Headers.ETag!.Tag;
        using var again = new HttpRequestMessage(HttpMethod.Post, new Uri("/ofrep/v1/evaluate/flags", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        (await _client.SendAsync(again, ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Bulk_answers_304_to_the_weak_form_of_its_etag()
    {
        const string body = """{"context":{"targetingKey":"u-4"}}""";
        using HttpResponseMessage first = await _client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", body);
        string etag = first.Headers.ETag!.Tag;

        // What a compressing proxy hands back: the same tag, marked weak, in a list.
        using var again = new HttpRequestMessage(HttpMethod.Post, new Uri("/ofrep/v1/evaluate/flags", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        again.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", W/{etag}");

        using HttpResponseMessage response = await _client.SendAsync(again, ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Flags_of_another_environment_are_indistinguishable_from_missing_flags()
    {
        // The example configures every flag in production only.
        using HttpClient staging = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "staging"));

        using HttpResponseMessage bulk = await staging.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u-5"}}""");
        using HttpResponseMessage configuredElsewhere = await staging.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags/new-checkout", """{"context":{"targetingKey":"u-5"}}""");
        using HttpResponseMessage missing = await staging.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags/no-such-flag", """{"context":{"targetingKey":"u-5"}}""");

        bulk.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bulk.JsonAsync()).GetProperty("flags").GetArrayLength().ShouldBe(0);
        configuredElsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        JsonElement elsewhere = await configuredElsewhere.JsonAsync();
        JsonElement nowhere = await missing.JsonAsync();
        elsewhere.GetProperty("errorCode").GetString().ShouldBe("FLAG_NOT_FOUND");
        elsewhere.GetProperty("errorDetails").GetString().ShouldBe(nowhere.GetProperty("errorDetails").GetString()!.Replace("no-such-flag", "new-checkout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bulk_answer_names_an_sse_event_stream_on_the_address_called()
    {
        using HttpResponseMessage response = await _client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u-6"}}""");

        JsonElement stream = (await response.JsonAsync()).GetProperty("eventStreams").EnumerateArray().Single();
        stream.GetProperty("type").GetString().ShouldBe("sse");
        var url = new Uri(stream.GetProperty("url").GetString()!);
        url.GetLeftPart(UriPartial.Path).ShouldBe(new Uri(_client.BaseAddress!, "/ofrep/v1/events").ToString());
        url.Query.ShouldContain("token=");
    }

    [Fact]
    public async Task Bulk_with_an_invalid_context_is_400_INVALID_CONTEXT()
    {
        using HttpResponseMessage response = await _client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":"nope"}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errorCode").GetString().ShouldBe("INVALID_CONTEXT");
    }

    [Fact]
    public async Task Client_answers_never_contain_rules_or_segment_members()
    {
        using HttpResponseMessage response = await _client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u-1002"}}""");

        string text = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        text.ShouldNotContain("u-1001");
        text.ShouldNotContain("$regex");
        text.ShouldNotContain("rules");
    }

    [Fact]
    public async Task Admin_key_cannot_evaluate()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags/no-ads", """{"context":{"targetingKey":"u"}}""");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
