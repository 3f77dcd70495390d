using FailSmart.Client.Caching;
using FailSmart.Core.Evaluation;
using FailSmart.Testing;

namespace FailSmart.Client.Tests;

/// <summary>The client against the real server on a real port: download, stream, restart, refused key.</summary>
public sealed class FailSmartClientSyncTests : IAsyncLifetime
{
    private readonly TemporaryFolder _cache = new();
    private TestServer _server = null!;
    private string _key = string.Empty;

    public async ValueTask InitializeAsync() => (_server, _key) = await TestServer.StartWithExampleAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _cache.Dispose();
    }

    [Fact]
    public async Task Build_with_a_live_server_is_Ready_with_the_servers_rule_set()
    {
        await using IFailSmartClient client = Client();

        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Ready);

        client.Origin.ShouldBe(RuleSetOrigin.Server);
        client.Revision.ShouldBeGreaterThan(0);
        client.StateReason.ShouldBeNull();
        for (int i = 0; i < 200; i++)
        {
            client.GetBool("new-checkout", false, Example.User(i)).ShouldBe(Example.Production.Evaluate("new-checkout", Example.User(i)).Value.AsBoolean());
        }
    }

    [Fact]
    public async Task Toggle_on_the_server_reaches_the_client_through_the_stream()
    {
        await using IFailSmartClient client = Client();
        await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        long before = client.Revision;
        int changes = 0;
        client.RuleSetChanged += (_, _) => Interlocked.Increment(ref changes);
        using HttpClient admin = _server.Admin();

        await TestServer.ToggleAsync(admin, "new-checkout", enabled: false);

        await Eventually.TrueAsync(() => client.GetBoolDetail("new-checkout", true, Example.User(11)).Reason == EvaluationReason.Disabled, "the toggle reaches the client");
        client.GetBool("new-checkout", true, Example.User(11)).ShouldBeFalse();
        client.Revision.ShouldBeGreaterThan(before);
        changes.ShouldBeGreaterThanOrEqualTo(1);
        client.State.ShouldBe(ClientState.Ready);
    }

    [Fact]
    public async Task Server_stopped_makes_the_client_Stale_and_restarted_makes_it_Ready_again()
    {
        await using IFailSmartClient client = Client();
        await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var states = new List<ClientState>();
        client.StateChanged += (_, e) =>
        {
            lock (states)
            {
                states.Add(e.Current);
            }
        };

        await _server.StopAsync();
        await Eventually.TrueAsync(() => client.State == ClientState.Stale, "the client notices the server is gone");
        client.StateReason!.ShouldContain("unavailable");
        client.GetBool("new-checkout", false, Example.User(11)).ShouldBeTrue(); // staff, from the last good rule set
        await _server.StartAsync();
        await Eventually.TrueAsync(() => client.State == ClientState.Ready, "the client reconnects");

        lock (states)
        {
            states.ShouldBe([ClientState.Stale, ClientState.Ready]);
        }
    }

    [Fact]
    public async Task Rule_set_is_cached_on_disk_and_a_later_client_starts_from_it_with_the_server_down()
    {
        long revision;
        await using (IFailSmartClient first = Client())
        {
            (await first.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Ready);
            revision = first.Revision;
        }

        File.Exists(Path.Combine(_cache.Path, RuleSetDiskCache.FileName)).ShouldBeTrue();
        await _server.StopAsync();
        await using IFailSmartClient second = Client();

        (await second.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Stale);

        second.Origin.ShouldBe(RuleSetOrigin.DiskCache);
        second.Revision.ShouldBe(revision);
        second.GetBool("new-checkout", false, Example.User(11)).ShouldBeTrue();
    }

    [Fact]
    public async Task Cached_rule_set_is_confirmed_by_the_server_without_a_new_download_when_unchanged()
    {
        await using (IFailSmartClient first = Client())
        {
            await first.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        }

        int changes = 0;
        await using IFailSmartClient second = Client(b => b.Configure(o => o.Streaming = false));
        second.RuleSetChanged += (_, _) => Interlocked.Increment(ref changes);

        (await second.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Ready);

        second.Origin.ShouldBe(RuleSetOrigin.Server);
        changes.ShouldBe(0); // 304: the cached evaluator stays in use
    }

    [Fact]
    public async Task Refused_key_is_Error_with_a_reason_and_logged_once()
    {
        var logs = new ListLogger();
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(_server.Url, "fs_server_wrong_0123456789abcdefghijklmnop")
            .WithLoggerFactory(logs)
            .Configure(o => o.AuthFailureRetryDelay = TimeSpan.FromMilliseconds(200))
            .Build();

        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Error);
        await Eventually.TrueAsync(() => logs.Entries.Any(e => e.Message.Contains("refused", StringComparison.Ordinal)), "the refusal is logged");
        await Task.Delay(1000, TestContext.Current.CancellationToken); // several retries happen meanwhile

        client.StateReason!.ShouldContain("refused the server key");
        logs.Count(3003).ShouldBe(1);
        logs.Count(3002).ShouldBe(0);
        client.GetBool("new-checkout", true, Example.User(1)).ShouldBeTrue();
    }

    private IFailSmartClient Client(Action<FailSmartClientBuilder>? configure = null)
    {
        FailSmartClientBuilder builder = new FailSmartClientBuilder()
            .WithServer(_server.Url, _key)
            .WithCacheDirectory(_cache.Path)
            .Configure(o =>
            {
                o.MinRetryDelay = TimeSpan.FromMilliseconds(50);
                o.MaxRetryDelay = TimeSpan.FromMilliseconds(300);
                o.SendEvents = false;
            });
        configure?.Invoke(builder);
        return builder.Build();
    }
}
