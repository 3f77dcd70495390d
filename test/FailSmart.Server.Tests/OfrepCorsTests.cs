using System.Net;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Tests;

/// <summary>Browsers on other origins may call OFREP (and only OFREP): CORS without credentials.</summary>
public sealed class OfrepCorsTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private const string PageOrigin = "http://shop.example.com:8080";

    /// <summary>A server that lets one origin in.</summary>
    public sealed class OneOriginFactory : FailSmartFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("OpenFeature:AllowedOrigins", "https://shop.example.com/")];
    }

    [Theory]
    [InlineData("/ofrep/v1/evaluate/flags")]
    [InlineData("/ofrep/v1/evaluate/flags/new-checkout")]
    public async Task Preflight_allows_what_ofrep_providers_send(string path)
    {
        using HttpClient browser = factory.ClientWithKey(null);

        using HttpResponseMessage response = await browser.SendAsync(Preflight(path, PageOrigin, "POST"), ApiTestExtensions.Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*");
        string allowed = string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")).ToLowerInvariant();
        allowed.ShouldContain("authorization");
        allowed.ShouldContain("content-type");
        allowed.ShouldContain("if-none-match");
        response.Headers.Contains("Access-Control-Allow-Credentials").ShouldBeFalse();
    }

    [Fact]
    public async Task Answers_and_errors_expose_the_etag_to_pages_on_other_origins()
    {
        using HttpClient admin = factory.ClientWithKey();
        using HttpClient browser = factory.ClientWithKey(await admin.CreateKeyAsync("client", "production"));
        using HttpClient keyless = factory.ClientWithKey(null);

        using HttpResponseMessage answer = await browser.SendAsync(Evaluate(PageOrigin), ApiTestExtensions.Ct);
        using HttpResponseMessage unauthorized = await keyless.SendAsync(Evaluate(PageOrigin), ApiTestExtensions.Ct);

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*");
        string.Join(",", answer.Headers.GetValues("Access-Control-Expose-Headers")).ShouldContain("ETag", Case.Insensitive);
        // The page can read why it was refused, not just that it was.
        unauthorized.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        unauthorized.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("*");
    }

    [Fact]
    public async Task Admin_api_answers_no_other_origin()
    {
        using HttpClient admin = factory.ClientWithKey();

        using HttpResponseMessage preflight = await admin.SendAsync(Preflight("/api/v1/flags", PageOrigin, "GET"), ApiTestExtensions.Ct);
        using var get = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/flags", UriKind.Relative));
        get.Headers.Add("Origin", PageOrigin);
        using HttpResponseMessage response = await admin.SendAsync(get, ApiTestExtensions.Ct);

        preflight.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Configured_origins_are_the_only_ones_allowed()
    {
        await using var restricted = new OneOriginFactory();
        using HttpClient browser = restricted.ClientWithKey(null);

        using HttpResponseMessage allowed = await browser.SendAsync(Preflight("/ofrep/v1/evaluate/flags", "https://shop.example.com", "POST"), ApiTestExtensions.Ct);
        using HttpResponseMessage refused = await browser.SendAsync(Preflight("/ofrep/v1/evaluate/flags", "https://evil.example.com", "POST"), ApiTestExtensions.Ct);

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Single().ShouldBe("https://shop.example.com");
        refused.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task An_origin_with_a_path_stops_start_up_with_a_message_naming_the_setting()
    {
        using var data = new TemporaryFolder();
        await using WebApplication app = FailSmartServer.Create(
            ["--data", data.Path, "--urls", "http://127.0.0.1:0", "--OpenFeature:AllowedOrigins", "https://shop.example.com/checkout"]);

        var thrown = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync(ApiTestExtensions.Ct));

        thrown.Message.ShouldContain("OpenFeature:AllowedOrigins");
    }

    private static HttpRequestMessage Preflight(string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-none-match");
        return request;
    }

    private static HttpRequestMessage Evaluate(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/ofrep/v1/evaluate/flags", UriKind.Relative))
        {
            Content = new StringContent("""{"context":{"targetingKey":"u-1"}}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", origin);
        return request;
    }
}
