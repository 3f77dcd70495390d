using System.Net;
using FailSmart.Application.ApiKeys;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

public sealed class RateLimitTests(RateLimitTests.TightLimits factory) : IClassFixture<RateLimitTests.TightLimits>
{
    /// <summary>A server that allows three requests a minute per key.</summary>
    public sealed class TightLimits : FailSmartFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
            [new("RateLimits:PermitsPerWindow", "3"), new("RateLimits:WindowSeconds", "60")];
    }

    [Fact]
    public async Task Requests_over_the_limit_get_429_with_retry_after_and_change_nothing()
    {
        using HttpClient admin = factory.ClientWithKey();
        for (int i = 0; i < 3; i++)
        {
            (await admin.GetPathAsync("/api/v1/environments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using HttpResponseMessage limited = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", """{"key":"too-many","attribute":"id","ids":["a"]}""");

        var problem = await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("detail").GetString()!.ShouldContain("Retry after");
        int retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 60);
    }

    [Fact]
    public async Task Another_spelling_of_the_same_key_shares_its_window()
    {
        string key = await CreateClientKeyAsync();
        using HttpClient client = factory.ClientWithKey(null);
        string[] spellings = [$"Bearer {key}", $"bearer {key}", $"BEARER  {key}"];
        foreach (string authorization in spellings)
        {
            (await EvaluateAsync(client, authorization)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using HttpResponseMessage limited = await EvaluateAsync(client, $"bearer {key} ");
        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        using HttpResponseMessage byHeader = await EvaluateAsync(client, authorization: null, apiKey: key);
        await byHeader.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Keys_sent_as_X_API_Key_each_get_their_own_window()
    {
        string first = await CreateClientKeyAsync();
        string second = await CreateClientKeyAsync();
        using HttpClient client = factory.ClientWithKey(null);
        for (int i = 0; i < 3; i++)
        {
            (await EvaluateAsync(client, authorization: null, apiKey: first)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await EvaluateAsync(client, authorization: null, apiKey: first)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        using HttpResponseMessage other = await EvaluateAsync(client, authorization: null, apiKey: second);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound, "a different key must not share the first key's window");
    }

    /// <summary>Straight into the store: the admin key's own three requests a minute are for the test above.</summary>
    private async Task<string> CreateClientKeyAsync()
    {
        (string secret, string id) = ApiKeySecret.Generate(ApiKeyKind.Client);
        var record = new ApiKeyRecord(id, "rate test", ApiKeyKind.Client, "production", ApiKeySecret.Hash(secret), DateTimeOffset.UtcNow, null, null, null);
        await factory.Services.GetRequiredService<IConfigStore>().CreateApiKeyAsync(record, "test", ApiTestExtensions.Ct);
        return secret;
    }

    private static Task<HttpResponseMessage> EvaluateAsync(HttpClient client, string? authorization, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/ofrep/v1/evaluate/flags/no-such-flag", UriKind.Relative))
        {
            Content = new StringContent("""{"context":{"targetingKey":"u"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (apiKey is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", apiKey);
        }

        return client.SendAsync(request, ApiTestExtensions.Ct);
    }
}
