using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FailSmart.Server.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// Webhooks: a signed delivery a receiver can verify with the secret it was shown once, retries with backoff
/// until the receiver takes it, one log entry per attempt, nothing more for a deleted webhook, and URLs other
/// than http(s) refused.
/// </summary>
public sealed class WebhooksApiTests(FakeClockFactory factory) : IClassFixture<FakeClockFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private Task RunDispatcherAsync() => factory.Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(ApiTestExtensions.Ct);

    private async Task<(string Id, string Secret)> CreateWebhookAsync(string url, string events)
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", $$"""{"url":"{{url}}","events":{{events}}}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        JsonElement body = await created.JsonAsync();
        return (body.GetProperty("webhook").GetProperty("id").GetString()!, body.GetProperty("secret").GetString()!);
    }

    private async Task CreateFlagAsync(string key) =>
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags",
            $$"""{"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[]} } }"""))
        .StatusCode.ShouldBe(HttpStatusCode.Created);

    private async Task ScheduleAsync(string key)
    {
        string due = factory.Clock.GetUtcNow().AddDays(1).ToString("O", CultureInfo.InvariantCulture);
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules",
            $$"""{"dueAt":"{{due}}","change":{"kind":"flag","key":"{{key}}","environment":"production","enabled":true},"reason":"go"}"""))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>What a receiver does: recompute the HMAC of "t.body" with the secret and compare in constant time.</summary>
    private static bool Verifies(string secret, ReceivedWebhook received)
    {
        Dictionary<string, string> parts = received.Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(parts["t"] + "." + received.Body));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"]));
    }

    [Fact]
    public async Task A_matching_event_is_delivered_signed_with_the_secret_shown_once()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        (string id, string secret) = await CreateWebhookAsync(receiver.Url, """["schedule.*"]""");
        await CreateFlagAsync("signed");

        await ScheduleAsync("signed");
        await RunDispatcherAsync();

        ReceivedWebhook received = receiver.Received.ShouldHaveSingleItem();
        Verifies(secret, received).ShouldBeTrue();
        Verifies(secret + "x", received).ShouldBeFalse();
        received.Event.ShouldBe("schedule.create");
        long.Parse(received.DeliveryId, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0);
        long.Parse(received.Signature.Split(',')[0][2..], CultureInfo.InvariantCulture).ShouldBe(factory.Clock.GetUtcNow().ToUnixTimeSeconds());
        JsonElement payload = JsonDocument.Parse(received.Body).RootElement;
        (payload.GetProperty("type").GetString(), payload.GetProperty("kind").GetString(), payload.GetProperty("key").GetString(),
            payload.GetProperty("environment").GetString(), payload.GetProperty("reason").GetString())
            .ShouldBe(("schedule.create", "flag", "signed", "production", "go"));
        payload.GetProperty("actor").GetString()!.ShouldContain("testadmin01");
        payload.GetProperty("after").GetProperty("enabled").GetBoolean().ShouldBeTrue();
        payload.GetProperty("auditId").GetInt64().ShouldBeGreaterThan(0);
        string shown = await (await _admin.GetPathAsync($"/api/v1/webhooks/{id}")).Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        shown.ShouldNotContain(secret);
        (await (await _admin.GetPathAsync("/api/v1/webhooks")).Content.ReadAsStringAsync(ApiTestExtensions.Ct)).ShouldNotContain(secret);
    }

    [Fact]
    public async Task A_receiver_failing_twice_gets_the_event_on_the_third_attempt_with_one_log_entry_per_attempt()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync(500, 503);
        (string id, string secret) = await CreateWebhookAsync(receiver.Url, """["flag.*"]""");

        await CreateFlagAsync("flaky");
        await RunDispatcherAsync();
        factory.Clock.Advance(TimeSpan.FromSeconds(29));
        await RunDispatcherAsync(); // the first retry waits 30 to 36 seconds
        receiver.Received.Count.ShouldBe(1);
        factory.Clock.Advance(TimeSpan.FromSeconds(8));
        await RunDispatcherAsync();
        receiver.Received.Count.ShouldBe(2);
        factory.Clock.Advance(TimeSpan.FromSeconds(73)); // the second waits 60 to 72
        await RunDispatcherAsync();

        ReceivedWebhook[] received = [.. receiver.Received];
        received.Length.ShouldBe(3);
        received.Select(r => r.DeliveryId).Distinct().ShouldHaveSingleItem();
        received.ShouldAllBe(r => r.Event == "flag.create" && Verifies(secret, r));
        JsonElement log = await (await _admin.GetPathAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync();
        JsonElement delivery = log.GetProperty("deliveries").EnumerateArray().ShouldHaveSingleItem();
        (delivery.GetProperty("status").GetString(), delivery.GetProperty("attempts").GetInt32(), delivery.GetProperty("lastStatusCode").GetInt32())
            .ShouldBe(("delivered", 3, 200));
        log.GetProperty("attempts").EnumerateArray().Select(a => (a.GetProperty("attempt").GetInt32(), a.GetProperty("statusCode").GetInt32(), a.GetProperty("delivered").GetBoolean()))
            .ShouldBe([(3, 200, true), (2, 503, false), (1, 500, false)]);
    }

    [Fact]
    public async Task A_test_ping_is_delivered_and_logged()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        (string id, string secret) = await CreateWebhookAsync(receiver.Url, """["rollout.*"]""");

        using HttpResponseMessage queued = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/test", "");
        await RunDispatcherAsync();

        queued.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        ReceivedWebhook ping = receiver.Received.ShouldHaveSingleItem();
        (ping.Event, JsonDocument.Parse(ping.Body).RootElement.GetProperty("type").GetString()).ShouldBe(("ping", "ping"));
        Verifies(secret, ping).ShouldBeTrue();
        JsonElement log = await (await _admin.GetPathAsync($"/api/v1/webhooks/{id}/deliveries")).JsonAsync();
        log.GetProperty("deliveries")[0].GetProperty("status").GetString().ShouldBe("delivered");
    }

    [Fact]
    public async Task A_deleted_webhook_receives_nothing_more()
    {
        await using WebhookReceiver receiver = await WebhookReceiver.StartAsync();
        (string id, _) = await CreateWebhookAsync(receiver.Url, """["*"]""");
        (await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/webhooks/{id}/test", "")).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        (await _admin.DeleteAsync(new Uri($"/api/v1/webhooks/{id}", UriKind.Relative), ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await CreateFlagAsync("after-delete");
        await RunDispatcherAsync();

        receiver.Received.ShouldBeEmpty();
        await (await _admin.GetPathAsync($"/api/v1/webhooks/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync(new Uri($"/api/v1/webhooks/{id}", UriKind.Relative), ApiTestExtensions.Ct)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"url":"ftp://hooks.example.com/x","events":["*"]}""", "$.url")]
    [InlineData("""{"url":"file:///etc/passwd","events":["*"]}""", "$.url")]
    [InlineData("""{"url":"https://user:pw@hooks.example.com/x","events":["*"]}""", "$.url")]
    [InlineData("""{"url":"/relative","events":["*"]}""", "$.url")]
    [InlineData("""{"events":["*"]}""", "$.url")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":[]}""", "$.events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["Rollout.*"]}""", "$.events[0]")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["rollout.*", "*.x"]}""", "$.events[1]")]
    public async Task A_bad_webhook_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        int before = (await (await _admin.GetPathAsync("/api/v1/webhooks")).JsonAsync()).GetArrayLength();

        JsonElement problem = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/webhooks", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldContain(field);
        (await (await _admin.GetPathAsync("/api/v1/webhooks")).JsonAsync()).GetArrayLength().ShouldBe(before);
    }
}
