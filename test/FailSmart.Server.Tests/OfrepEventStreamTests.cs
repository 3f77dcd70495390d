using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FailSmart.Server.OpenFeature;
using FailSmart.Server.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>The OFREP event stream that bulk answers name (open-feature/protocol ADR 0008).</summary>
public sealed class OfrepEventStreamTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private readonly HttpClient _admin = factory.ClientWithKey();
    private readonly HttpClient _anonymous = factory.ClientWithKey(null);
    private HttpClient _browser = null!;

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/flags/new-checkout")).StatusCode == HttpStatusCode.NotFound)
        {
            await ExampleConfiguration.LoadAsync(_admin);
        }

        _browser = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));
    }

    public ValueTask DisposeAsync()
    {
        _browser.Dispose();
        _anonymous.Dispose();
        _admin.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The event stream URL of a bulk answer, as a path and query on the server.</summary>
    internal static async Task<string> StreamUrlAsync(HttpClient client)
    {
        using HttpResponseMessage bulk = await client.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u-1"}}""");
        bulk.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement stream = (await bulk.JsonAsync()).GetProperty("eventStreams").EnumerateArray().Single();
        stream.GetProperty("type").GetString().ShouldBe("sse");
        var url = new Uri(stream.GetProperty("url").GetString()!);
        url.AbsolutePath.ShouldBe("/ofrep/v1/events");
        return url.PathAndQuery;
    }

    [Fact]
    public async Task Kill_switch_sends_a_refetchEvaluation_message()
    {
        using HttpResponseMessage response = await OpenAsync(await StreamUrlAsync(_browser));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await reader.NextLineAsync()).ShouldBe(": connected");

        await ToggleAsync("new-checkout", enabled: false);

        SseReader.Event message = await reader.NextEventAsync();
        JsonElement data = JsonDocument.Parse(message.Data).RootElement;
        data.GetProperty("type").GetString().ShouldBe("refetchEvaluation");
        message.Id.ShouldNotBeNullOrEmpty();
        data.GetProperty("etag").GetString().ShouldBe($"\"{message.Id}\"");
        await ToggleAsync("new-checkout", enabled: true);
    }

    [Fact]
    public async Task A_change_reaches_every_open_stream_as_the_same_message_encoded_once()
    {
        const int Streams = 6;
        string url = await StreamUrlAsync(_browser);
        var responses = new List<HttpResponseMessage>();
        var readers = new List<SseReader>();
        try
        {
            for (int i = 0; i < Streams; i++)
            {
                responses.Add(await OpenAsync(url));
                readers.Add(new SseReader(await responses[^1].Content.ReadAsStreamAsync(ApiTestExtensions.Ct)));
                (await readers[^1].NextLineAsync()).ShouldBe(": connected");
            }

            OfrepRefetchEvents messages = factory.Services.GetRequiredService<OfrepRefetchEvents>();
            RuleSetCache cache = factory.Services.GetRequiredService<RuleSetCache>();
            // An earlier test's change may still be on its way to these streams: its message is encoded here first,
            // so the count below sees only this test's change.
            messages.For(await cache.GetAsync("production", ApiTestExtensions.Ct));
            long encodedBefore = messages.Encoded;

            await ToggleAsync("no-ads", enabled: false);
            RuleSet current = await cache.GetAsync("production", ApiTestExtensions.Ct);
            var received = new List<SseReader.Event>();
            foreach (SseReader reader in readers)
            {
                received.Add(await NextForAsync(reader, OfrepRefetchEvents.EventId(current)));
            }

            received.Distinct().Count().ShouldBe(1, "every stream got the same message");
            messages.Encoded.ShouldBe(encodedBefore + 1, $"one message for the change, not one per stream ({Streams} open)");
            byte[] shared = messages.For(current);
            Encoding.UTF8.GetString(shared).ShouldBe($"id: {received[0].Id}\ndata: {received[0].Data}\n\n");
            messages.For(current).ShouldBeSameAs(shared, "asked again for the same rule set, the same bytes");
            messages.Encoded.ShouldBe(encodedBefore + 1);
        }
        finally
        {
            readers.ForEach(r => r.Dispose());
            responses.ForEach(r => r.Dispose());
            await ToggleAsync("no-ads", enabled: true);
        }
    }

    /// <summary>The stream's message for the rule set with this event id, past any earlier change's still on its way.</summary>
    private static async Task<SseReader.Event> NextForAsync(SseReader reader, string id)
    {
        for (int skipped = 0; ; skipped++)
        {
            SseReader.Event next = await reader.NextEventAsync();
            if (next.Id == id || skipped >= 5)
            {
                return next;
            }
        }
    }

    [Fact]
    public async Task Refetch_message_is_encoded_once_per_environment_and_rule_set()
    {
        RuleSetCache cache = factory.Services.GetRequiredService<RuleSetCache>();
        RuleSet production = await cache.GetAsync("production", ApiTestExtensions.Ct);
        RuleSet development = await cache.GetAsync("development", ApiTestExtensions.Ct);
        RuleSet moved = production with { ETag = "\"0123456789abcdef0123456789abcdef\"" };
        var messages = new OfrepRefetchEvents();

        byte[] first = messages.For(production);
        messages.For(production).ShouldBeSameAs(first);
        messages.For(production with { Revision = production.Revision + 1 }).ShouldBeSameAs(first, "a revision that left the environment's document as it was names the same ETag");
        messages.Encoded.ShouldBe(1);

        string id = production.ETag.Trim('"');
        Encoding.UTF8.GetString(first).ShouldBe($"id: {id}\ndata: {{\"type\":\"refetchEvaluation\",\"etag\":\"\\\"{id}\\\"\"}}\n\n");
        messages.For(development).ShouldNotBeSameAs(first, "each environment has its own message");
        messages.Encoded.ShouldBe(2);
        Encoding.UTF8.GetString(messages.For(moved)).ShouldStartWith("id: 0123456789abcdef0123456789abcdef\n");
        messages.Encoded.ShouldBe(3);
        messages.For(development).ShouldBeSameAs(messages.For(development));
        messages.Encoded.ShouldBe(3, "another environment's change encodes nothing here");
    }

    [Fact]
    public async Task A_change_made_before_the_stream_opens_is_announced_at_once()
    {
        string url = await StreamUrlAsync(_browser);
        await ToggleAsync("no-ads", enabled: false);

        using HttpResponseMessage response = await OpenAsync(url);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));

        JsonDocument.Parse((await reader.NextEventAsync()).Data).RootElement.GetProperty("type").GetString().ShouldBe("refetchEvaluation");
        await ToggleAsync("no-ads", enabled: true);
    }

    [Fact]
    public async Task Reconnect_with_Last_Event_ID_gets_a_message_only_when_the_rule_set_moved_on()
    {
        string url = await StreamUrlAsync(_browser);
        using HttpResponseMessage first = await OpenAsync(url);
        using var firstReader = new SseReader(await first.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await firstReader.NextLineAsync()).ShouldBe(": connected");
        await ToggleAsync("checkout-button", enabled: false);
        string seen = (await firstReader.NextEventAsync()).Id!;

        using HttpResponseMessage current = await OpenAsync(url, lastEventId: seen);
        using var currentReader = new SseReader(await current.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        (await currentReader.NextLineAsync()).ShouldBe(": connected");

        await ToggleAsync("checkout-button", enabled: true);
        using HttpResponseMessage behind = await OpenAsync(url, lastEventId: seen);
        using var behindReader = new SseReader(await behind.Content.ReadAsStreamAsync(ApiTestExtensions.Ct));
        SseReader.Event missed = await behindReader.NextEventAsync();
        missed.Id.ShouldNotBe(seen);
        JsonDocument.Parse(missed.Data).RootElement.GetProperty("type").GetString().ShouldBe("refetchEvaluation");
    }

    [Theory]
    [InlineData("/ofrep/v1/events", "missing or malformed")]
    [InlineData("/ofrep/v1/events?token=abc", "missing or malformed")]
    [InlineData("/ofrep/v1/events?token=testadmin01.99999999999.AAAA", "not issued by this FailSmart")]
    public async Task Stream_without_a_valid_token_is_401_saying_where_urls_come_from(string path, string detail)
    {
        using HttpResponseMessage response = await OpenAsync(path);

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain(detail);
    }

    [Fact]
    public async Task Tampered_expiry_is_401()
    {
        string url = await StreamUrlAsync(_browser);
        string token = Uri.UnescapeDataString(url.Split("token=")[1].Split('&')[0]);
        string[] parts = token.Split('.');
        string tampered = $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[2]}";

        using HttpResponseMessage response = await OpenAsync($"/ofrep/v1/events?token={Uri.EscapeDataString(tampered)}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("not issued by this FailSmart");
    }

    [Fact]
    public async Task Bulk_answer_and_its_etag_are_stable_within_a_token_period()
    {
        using HttpResponseMessage first = await _browser.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u-1"}}""");
        using HttpResponseMessage second = await _browser.SendJsonAsync(HttpMethod.Post, "/ofrep/v1/evaluate/flags", """{"context":{"targetingKey":"u-1"}}""");

        second.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);
        (await second.Content.ReadAsStringAsync(ApiTestExtensions.Ct)).ShouldBe(await first.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    private async Task<HttpResponseMessage> OpenAsync(string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await _anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ApiTestExtensions.Ct);
    }

    private async Task ToggleAsync(string flag, bool enabled)
    {
        using HttpResponseMessage toggled = await _admin.PostAsJsonAsync(
            new Uri($"/api/v1/flags/{flag}/environments/production/toggle", UriKind.Relative), new { enabled, reason = "event stream test" }, ApiTestExtensions.Ct);
        toggled.StatusCode.ShouldBe(HttpStatusCode.OK, await toggled.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }
}
