using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FailSmart.Server.Tests;

public sealed class SdkSyncTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();
    private string _productionKey = "";

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/flags/new-checkout")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleConfiguration.LoadAsync(_admin);
        }

        _productionKey = await _admin.CreateKeyAsync("server", "production");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Config_returns_only_the_keys_environment_with_an_etag_and_304_when_unchanged()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);

        using HttpResponseMessage first = await sdk.GetPathAsync("/sdk/v1/config");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement body = await first.JsonAsync();
        body.GetProperty("flags").GetArrayLength().ShouldBe(3);
        body.GetProperty("flags")[0].GetProperty("environments").EnumerateObject().Select(e => e.Name).ShouldBe(["production"]);
        string etag = first.Headers.ETag!.Tag;
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdk/v1/config", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        (await sdk.SendAsync(again, ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Config_answers_304_to_the_weak_form_of_its_etag()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        using HttpResponseMessage first = await sdk.GetPathAsync("/sdk/v1/config");
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdk/v1/config", UriKind.Relative));
        again.Headers.TryAddWithoutValidation("If-None-Match", "W/" + first.Headers.ETag!.Tag);

        using HttpResponseMessage response = await sdk.SendAsync(again, ApiTestExtensions.Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Key_for_another_environment_never_sees_production_state()
    {
        string stagingKey = await _admin.CreateKeyAsync("server", "staging");
        using HttpClient sdk = factory.ClientWithKey(stagingKey);

        JsonElement body = await (await sdk.GetPathAsync("/sdk/v1/config")).JsonAsync();

        body.GetProperty("flags").EnumerateArray().ShouldAllBe(f => !f.GetProperty("environments").EnumerateObject().Any());
    }

    [Fact]
    public async Task Client_key_cannot_read_rules()
    {
        string clientKey = await _admin.CreateKeyAsync("client", "production");
        using HttpClient browser = factory.ClientWithKey(clientKey);

        using HttpResponseMessage response = await browser.GetPathAsync("/sdk/v1/config");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Stream_sends_the_full_rule_set_then_a_change_with_a_new_revision()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdk/v1/stream", UriKind.Relative));
        using HttpResponseMessage response = await sdk.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ApiTestExtensions.Ct);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));

        SseReader.Event initial = await reader.NextEventAsync();
        initial.Type.ShouldBe("put");
        long firstRevision = long.Parse(initial.Id!, System.Globalization.CultureInfo.InvariantCulture);
        JsonDocument.Parse(initial.Data).RootElement.GetProperty("flags").GetArrayLength().ShouldBeGreaterThanOrEqualTo(3);

        using HttpResponseMessage toggled = await _admin.PostAsJsonAsync(
            new Uri("/api/v1/flags/no-ads/environments/production/toggle", UriKind.Relative), new { enabled = false, reason = "stream test" }, ApiTestExtensions.Ct);
        toggled.StatusCode.ShouldBe(HttpStatusCode.OK, await toggled.Content.ReadAsStringAsync(ApiTestExtensions.Ct));

        SseReader.Event change = await reader.NextEventAsync();
        change.Type.ShouldBe("put");
        long.Parse(change.Id!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(firstRevision);
        JsonElement noAds = JsonDocument.Parse(change.Data).RootElement.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "no-ads");
        noAds.GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Stream_resumed_at_the_current_revision_does_not_resend_the_rule_set()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        using HttpResponseMessage config = await sdk.GetPathAsync("/sdk/v1/config");
        string revision = config.Headers.GetValues("X-FailSmart-Revision").Single();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/sdk/v1/stream", UriKind.Relative));
        request.Headers.Add("Last-Event-ID", revision);

        using HttpResponseMessage response = await sdk.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ApiTestExtensions.Ct);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));

        (await reader.NextLineAsync()).ShouldStartWith(": resumed");
    }
}
