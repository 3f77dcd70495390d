using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FailSmart.Protocol.Configuration;
using FailSmart.Server.Sync;

namespace FailSmart.Server.Tests;

/// <summary>The SDK stream for a client that asks for deltas: a full rule set, then patches; resumes within and beyond the window.</summary>
public sealed class SdkStreamDeltaTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
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
    public async Task Stream_with_deltas_sends_the_full_rule_set_then_a_patch_of_only_what_changed()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        using Stream stream = await OpenAsync(sdk, "/sdk/v1/stream?deltas=true");
        using var reader = new SseReader(stream);
        SseReader.Event put = await reader.NextEventAsync();
        put.Type.ShouldBe("put");

        bool enabled = await FlipAsync("no-ads");

        SseReader.Event change = await reader.NextEventAsync();
        change.Type.ShouldBe("patch");
        var patch = (JsonObject)JsonNode.Parse(change.Data)!;
        patch["from"]!.GetValue<long>().ShouldBe(Revision(put));
        patch["to"]!.GetValue<long>().ShouldBe(Revision(change));
        Revision(change).ShouldBeGreaterThan(Revision(put));
        ((JsonObject)patch["changed"]!).Select(p => p.Key).ShouldBe(["flags"]);
        patch["changed"]!["flags"]!.AsArray().Select(f => f!["key"]!.GetValue<string>()).ShouldBe(["no-ads"]);
        patch["changed"]!["flags"]![0]!["environments"]!["production"]!["enabled"]!.GetValue<bool>().ShouldBe(enabled);
        ((JsonObject)patch["removed"]!).Count.ShouldBe(0);
        // Applied to the put, it rebuilds exactly what a download now returns, ETag included.
        using HttpResponseMessage config = await sdk.GetPathAsync("/sdk/v1/config");
        string applied = Apply(put.Data, patch);
        applied.ShouldBe(await config.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        patch["etag"]!.GetValue<string>().ShouldBe(config.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Patch_carries_a_new_segment_and_its_removal()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        using Stream stream = await OpenAsync(sdk, "/sdk/v1/stream?deltas=true");
        using var reader = new SseReader(stream);
        SseReader.Event put = await reader.NextEventAsync();

        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments",
            """{"key":"delta-testers","condition":{"country":{"$in":["NZ"]}}}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        SseReader.Event added = await reader.NextEventAsync();
        using HttpResponseMessage deleted = await _admin.DeleteAsync(new Uri("/api/v1/segments/delta-testers", UriKind.Relative), ApiTestExtensions.Ct);
        deleted.IsSuccessStatusCode.ShouldBeTrue(await deleted.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        SseReader.Event removed = await reader.NextEventAsync();

        var addPatch = (JsonObject)JsonNode.Parse(added.Data)!;
        addPatch["changed"]!["segments"]!.AsArray().Select(s => s!["key"]!.GetValue<string>()).ShouldBe(["delta-testers"]);
        var removePatch = (JsonObject)JsonNode.Parse(removed.Data)!;
        removePatch["removed"]!["segments"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["delta-testers"]);
        removePatch["from"]!.GetValue<long>().ShouldBe(Revision(added));
        Apply(Apply(put.Data, addPatch), removePatch).ShouldBe(put.Data);
    }

    [Fact]
    public async Task Stream_resumed_at_a_revision_in_the_window_gets_one_patch_of_everything_since()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        SseReader.Event had;
        using (Stream first = await OpenAsync(sdk, "/sdk/v1/stream?deltas=true"))
        using (var reader = new SseReader(first))
        {
            had = await reader.NextEventAsync();
            await FlipAsync("no-ads");
            await reader.NextEventAsync();
            await FlipAsync("new-checkout");
            await reader.NextEventAsync();
        }

        using Stream resumed = await OpenAsync(sdk, "/sdk/v1/stream?deltas=true", Revision(had));
        using var resumedReader = new SseReader(resumed);
        SseReader.Event change = await resumedReader.NextEventAsync();

        change.Type.ShouldBe("patch");
        var patch = (JsonObject)JsonNode.Parse(change.Data)!;
        patch["from"]!.GetValue<long>().ShouldBe(Revision(had));
        patch["changed"]!["flags"]!.AsArray().Select(f => f!["key"]!.GetValue<string>()).Order(StringComparer.Ordinal).ShouldBe(["new-checkout", "no-ads"]);
        using HttpResponseMessage config = await sdk.GetPathAsync("/sdk/v1/config");
        Apply(had.Data, patch).ShouldBe(await config.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    [Fact]
    public async Task Stream_resumed_at_a_revision_that_left_the_window_gets_the_full_rule_set()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        using Stream stream = await OpenAsync(sdk, "/sdk/v1/stream?deltas=true");
        using var reader = new SseReader(stream);
        SseReader.Event first = await reader.NextEventAsync();
        // The open stream makes the server build every revision, so the first one leaves the window.
        for (int i = 0; i <= RuleSetCache.WindowSize; i++)
        {
            await FlipAsync("no-ads");
            (await reader.NextEventAsync()).Type.ShouldBe("patch");
        }

        using Stream resumed = await OpenAsync(sdk, "/sdk/v1/stream?deltas=true", Revision(first));
        using var resumedReader = new SseReader(resumed);
        SseReader.Event change = await resumedReader.NextEventAsync();

        change.Type.ShouldBe("put");
        using HttpResponseMessage config = await sdk.GetPathAsync("/sdk/v1/config");
        change.Data.ShouldBe(await config.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    [Fact]
    public async Task Stream_without_deltas_keeps_sending_full_rule_sets_even_on_a_resume_in_the_window()
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);
        SseReader.Event had;
        using (Stream first = await OpenAsync(sdk, "/sdk/v1/stream"))
        using (var reader = new SseReader(first))
        {
            had = await reader.NextEventAsync();
            await FlipAsync("no-ads");
            (await reader.NextEventAsync()).Type.ShouldBe("put");
        }

        using Stream resumed = await OpenAsync(sdk, "/sdk/v1/stream", Revision(had));
        using var resumedReader = new SseReader(resumed);

        (await resumedReader.NextEventAsync()).Type.ShouldBe("put");
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData("1")]
    public async Task Deltas_that_is_not_true_or_false_is_refused_with_how_to_fix_it(string value)
    {
        using HttpClient sdk = factory.ClientWithKey(_productionKey);

        using HttpResponseMessage response = await sdk.GetPathAsync("/sdk/v1/stream?deltas=" + value);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetRawText().ShouldContain("deltas=true");
    }

    private static async Task<Stream> OpenAsync(HttpClient sdk, string path, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        HttpResponseMessage response = await sdk.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ApiTestExtensions.Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStreamAsync(ApiTestExtensions.Ct);
    }

    /// <summary>Turns the flag off in production if it is on, else on; returns its new state.</summary>
    private async Task<bool> FlipAsync(string flag)
    {
        using HttpResponseMessage read = await _admin.GetPathAsync($"/api/v1/flags/{flag}");
        bool enabled = !(await read.JsonAsync()).GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean();
        using HttpResponseMessage toggled = await _admin.PostAsJsonAsync(
            new Uri($"/api/v1/flags/{flag}/environments/production/toggle", UriKind.Relative), new { enabled, reason = "delta test" }, ApiTestExtensions.Ct);
        toggled.StatusCode.ShouldBe(HttpStatusCode.OK, await toggled.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return enabled;
    }

    private static string Apply(string document, JsonObject patch)
    {
        var node = (JsonObject)JsonNode.Parse(document)!;
        RuleSetPatch.TryApply(node, patch, out string problem).ShouldBeTrue(problem);
        return node.ToJsonString();
    }

    private static long Revision(SseReader.Event e) => long.Parse(e.Id!, CultureInfo.InvariantCulture);
}
