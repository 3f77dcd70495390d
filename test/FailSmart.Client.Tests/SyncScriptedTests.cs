using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FailSmart.Core.Evaluation;

namespace FailSmart.Client.Tests;

/// <summary>A server that answers wrongly: the client keeps the last good rule set and says so.</summary>
public sealed class SyncScriptedTests
{
    [Fact]
    public async Task Stream_put_with_an_unusable_rule_set_keeps_the_last_good_one_and_is_Stale()
    {
        var handler = new SyncHandler(Example.Json, "event: put\nid: 9\ndata: {\"version\":1,\"flags\":[{\"key\":\"broken\"}]}\n\n");
        var logs = new ListLogger();
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .WithLoggerFactory(logs)
            .Configure(o =>
            {
                o.SendEvents = false;
                o.MinRetryDelay = TimeSpan.FromSeconds(30);
                o.MaxRetryDelay = TimeSpan.FromSeconds(30);
            })
            .Build();

        await Eventually.TrueAsync(() => client.State == ClientState.Stale, "the bad put is refused");

        client.StateReason!.ShouldContain("cannot be used");
        client.Revision.ShouldBe(3);
        logs.Count(3007).ShouldBe(1);
        client.GetBoolDetail("new-checkout", false, Example.User(11)).Reason.ShouldBe(EvaluationReason.TargetingMatch);
    }

    [Fact]
    public async Task Config_answered_429_with_Retry_After_is_retried_and_then_Ready()
    {
        var handler = new SyncHandler(Example.Json, ": heartbeat\n\n", failFirst: 2);
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .Configure(o =>
            {
                o.SendEvents = false;
                o.MinRetryDelay = TimeSpan.FromMinutes(5); // only Retry-After (0 s) can bring the retry this soon
                o.MaxRetryDelay = TimeSpan.FromMinutes(5);
            })
            .Build();

        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Error);
        await Eventually.TrueAsync(() => client.State == ClientState.Ready, "the third download succeeds");

        handler.ConfigCalls.ShouldBe(3);
        client.Origin.ShouldBe(RuleSetOrigin.Server);
    }

    [Fact]
    public async Task Stream_that_was_healthy_before_it_broke_retries_after_the_shortest_delay_every_time()
    {
        // Each connection delivers a heartbeat (it is healthy) and then breaks, as a server killed again and
        // again does: separate outages must not add up into a longer and longer backoff.
        var handler = new SyncHandler(Example.Json, ": heartbeat\n", breakStream: true);
        var logs = new ListLogger();
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .WithLoggerFactory(logs)
            .Configure(o =>
            {
                o.SendEvents = false;
                o.EvaluationInsights = false;
                o.MinRetryDelay = TimeSpan.FromMilliseconds(20);
                o.MaxRetryDelay = TimeSpan.FromMinutes(10);
                o.QuickReconnectWindow = TimeSpan.Zero; // the reset alone, without the quick retries after a drop
            })
            .Build();

        await Eventually.TrueAsync(() => handler.StreamCalls >= 10, "the stream was opened ten times", seconds: 60);

        TimeSpan[] delays = [.. logs.Entries.Where(e => e.EventId == 3002).Select(e => ReadDelay(e.Message)).Take(9)];
        delays.Length.ShouldBe(9);
        delays.ShouldAllBe(d => d <= TimeSpan.FromMilliseconds(20), "each retry follows a healthy connection: " + string.Join(", ", delays.Select(d => d.TotalMilliseconds)));
    }

    [Fact]
    public async Task State_change_to_Ready_logs_why_and_never_null()
    {
        var logs = new ListLogger();
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(new SyncHandler(Example.Json, ": heartbeat\n\n"))
            .WithLoggerFactory(logs)
            .Configure(o =>
            {
                o.SendEvents = false;
                o.EvaluationInsights = false;
            })
            .Build();

        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Ready);

        string message = logs.Entries.Single(e => e.EventId == 3000).Message;
        message.ShouldNotContain("(null)");
        message.ShouldBe("FailSmart client state NotReady -> Ready: the server sent revision 3");
        client.StateReason.ShouldBeNull();
    }

    private static TimeSpan ReadDelay(string message) =>
        TimeSpan.Parse(Regex.Match(message, @"retrying in (\S+)\.$").Groups[1].Value, CultureInfo.InvariantCulture);

    private sealed class SyncHandler(string config, string stream, int failFirst = 0, bool breakStream = false) : HttpMessageHandler
    {
        private int _configCalls;
        private int _streamCalls;

        public int ConfigCalls => Volatile.Read(ref _configCalls);

        public int StreamCalls => Volatile.Read(ref _streamCalls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.AbsolutePath == "/sdk/v1/config")
            {
                if (Interlocked.Increment(ref _configCalls) <= failFirst)
                {
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(TimeSpan.Zero) } });
                }

                var ok = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(config, Encoding.UTF8, "application/json") };
                ok.Headers.Add("X-FailSmart-Revision", "3");
                return Task.FromResult(ok);
            }

            // The stream sends its script, then stays open (as a live stream does) until the client leaves, or breaks.
            Interlocked.Increment(ref _streamCalls);
            var body = new MemoryStream(Encoding.UTF8.GetBytes(stream));
            var content = new StreamContent(new OpenEndedStream(body, breakStream, cancellationToken));
            content.Headers.ContentType = new("text/event-stream");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}
