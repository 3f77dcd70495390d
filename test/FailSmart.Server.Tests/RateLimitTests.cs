using System.Net;

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
}
