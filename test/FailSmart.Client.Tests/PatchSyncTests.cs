using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FailSmart.Core.Evaluation;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Client.Tests;

/// <summary>The client applies the stream's patches to the rule set it has, and reloads the full rule set when one does not fit.</summary>
public sealed class PatchSyncTests
{
    // The server's document at revision 3 (compact, each kind in ordinal key order) and at 4, with new-checkout off in production.
    private static readonly string s_revision3 = ServerDocument(Example.Json);
    private static readonly string s_revision4 = WithNewCheckoutOff(s_revision3);

    [Fact]
    public async Task Patch_to_the_rule_set_in_use_changes_evaluation_without_a_new_download()
    {
        string patch = Patch(from: 3, to: 4, ETagOf(s_revision4));
        var handler = new StreamHandler(s_revision3, PatchEvent(4, patch));
        await using IFailSmartClient client = Build(handler, new ListLogger());

        await Eventually.TrueAsync(() => client.Revision == 4, "the patch is applied");

        client.GetBoolDetail("new-checkout", true, Example.User(11)).Reason.ShouldBe(EvaluationReason.Disabled);
        client.GetBool("checkout-button", false, Example.User(11)).ShouldBe(Example.Production.Evaluate("checkout-button", Example.User(11)).Value.AsBoolean());
        client.State.ShouldBe(ClientState.Ready);
        handler.ConfigCalls.ShouldBe(1);
        handler.Streams.Single().ShouldBe(new StreamRequest(Deltas: true, LastEventId: "3"));
    }

    [Fact]
    public async Task Patch_from_another_revision_makes_the_client_reconnect_for_the_full_rule_set()
    {
        string patch = Patch(from: 2, to: 4, ETagOf(s_revision4));
        var handler = new StreamHandler(s_revision3, PatchEvent(4, patch), $"event: put\nid: 5\ndata: {s_revision4}\n\n");
        var logs = new ListLogger();
        await using IFailSmartClient client = Build(handler, logs);

        await Eventually.TrueAsync(() => client.Revision == 5, "the full rule set arrives on the new stream");

        client.GetBoolDetail("new-checkout", true, Example.User(11)).Reason.ShouldBe(EvaluationReason.Disabled);
        handler.Streams.Take(2).ShouldBe([new StreamRequest(true, "3"), new StreamRequest(true, null)]);
        logs.Count(3022).ShouldBe(1);
        logs.Entries.Single(e => e.EventId == 3022).Message.ShouldContain("starts from revision 2");
    }

    [Fact]
    public async Task Patch_whose_result_is_not_the_servers_rule_set_is_not_used()
    {
        string patch = Patch(from: 3, to: 4, ETagOf(s_revision3)); // the ETag of another document
        var handler = new StreamHandler(s_revision3, PatchEvent(4, patch), ": heartbeat\n\n");
        var logs = new ListLogger();
        await using IFailSmartClient client = Build(handler, logs);

        await Eventually.TrueAsync(() => handler.Streams.Count >= 2, "the client reconnects");

        client.Revision.ShouldBe(3);
        client.GetBoolDetail("new-checkout", false, Example.User(11)).Reason.ShouldBe(EvaluationReason.TargetingMatch);
        handler.Streams[1].ShouldBe(new StreamRequest(true, null));
        logs.Entries.Single(e => e.EventId == 3022).Message.ShouldContain("differs from the server's rule set");
    }

    [Fact]
    public async Task Patches_from_the_real_server_rebuild_its_rule_set_exactly_through_creates_toggles_and_archives()
    {
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using TestServer running = server;
        var logs = new ListLogger();
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(server.Url, key)
            .WithLoggerFactory(logs)
            .Configure(o =>
            {
                o.SendEvents = false;
                o.EvaluationInsights = false;
            })
            .Build();
        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Ready);
        using HttpClient admin = server.Admin();
        using HttpClient sdk = server.WithKey(key);

        // New segments sort before, between and after the existing ones; then a toggle; then one is archived.
        foreach (string segment in new[] { "aaa", "m-middle", "zzz" })
        {
            using var body = new StringContent("{\"key\":\"" + segment + "\",\"condition\":{\"country\":{\"$in\":[\"NZ\"]}}}", Encoding.UTF8, "application/json");
            (await admin.PostAsync(new Uri("api/v1/segments", UriKind.Relative), body, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await TestServer.ToggleAsync(admin, "new-checkout", enabled: false);
        (await admin.DeleteAsync(new Uri("api/v1/segments/m-middle", UriKind.Relative), TestContext.Current.CancellationToken)).IsSuccessStatusCode.ShouldBeTrue();
        using HttpResponseMessage config = await sdk.GetAsync(new Uri("sdk/v1/config", UriKind.Relative), TestContext.Current.CancellationToken);
        long revision = long.Parse(config.Headers.GetValues("X-FailSmart-Revision").Single(), System.Globalization.CultureInfo.InvariantCulture);

        await Eventually.TrueAsync(() => client.Revision == revision, "every change reaches the client");

        client.GetBoolDetail("new-checkout", true, Example.User(11)).Reason.ShouldBe(EvaluationReason.Disabled);
        logs.Count(3022).ShouldBe(0);
    }

    private static IFailSmartClient Build(StreamHandler handler, ListLogger logs) =>
        new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .WithLoggerFactory(logs)
            .Configure(o =>
            {
                o.SendEvents = false;
                o.EvaluationInsights = false;
                o.MinRetryDelay = TimeSpan.FromMinutes(5); // a reconnect that comes at once is the patch's doing, not a retry
                o.MaxRetryDelay = TimeSpan.FromMinutes(5);
            })
            .Build();

    private static string PatchEvent(long id, string patch) => $"event: patch\nid: {id}\ndata: {patch}\n\n";

    private static string Patch(long from, long to, string etag) =>
        RuleSetPatch.Create((JsonObject)JsonNode.Parse(s_revision3)!, (JsonObject)JsonNode.Parse(s_revision4)!, from, to, etag)!.ToJsonString();

    private static string ServerDocument(string json)
    {
        var document = (JsonObject)JsonNode.Parse(json)!;
        foreach (string kind in RuleSetPatch.Kinds)
        {
            if (document[kind] is JsonArray resources)
            {
                JsonNode[] ordered = [.. resources.Select(r => r!.DeepClone()).OrderBy(r => r["key"]!.GetValue<string>(), StringComparer.Ordinal)];
                document[kind] = new JsonArray(ordered);
            }
        }

        return document.ToJsonString();
    }

    private static string WithNewCheckoutOff(string json)
    {
        var document = (JsonObject)JsonNode.Parse(json)!;
        JsonNode flag = document["flags"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "new-checkout")!;
        flag["environments"]!["production"]!["enabled"] = false;
        return document.ToJsonString();
    }

    private static string ETagOf(string json) => "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..32] + "\"";

    private sealed record StreamRequest(bool Deltas, string? LastEventId);

    /// <summary>Serves the document at revision 3, and each stream opened the next script in turn (the last one repeats).</summary>
    private sealed class StreamHandler(string config, params string[] streams) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<StreamRequest> _streams = new();
        private int _configCalls;

        public int ConfigCalls => Volatile.Read(ref _configCalls);

        public IReadOnlyList<StreamRequest> Streams => [.. _streams];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/sdk/v1/config")
            {
                Interlocked.Increment(ref _configCalls);
                var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(config, Encoding.UTF8, "application/json") };
                ok.Headers.Add("X-FailSmart-Revision", "3");
                return Task.FromResult(ok);
            }

            string? lastEventId = request.Headers.TryGetValues("Last-Event-ID", out IEnumerable<string>? values) ? values.Single() : null;
            _streams.Enqueue(new StreamRequest(request.RequestUri.Query == "?deltas=true", lastEventId));
            string script = streams[Math.Min(_streams.Count - 1, streams.Length - 1)];
            var content = new StreamContent(new OpenEndedStream(new MemoryStream(Encoding.UTF8.GetBytes(script)), false, cancellationToken));
            content.Headers.ContentType = new("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}
