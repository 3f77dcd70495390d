using FailSmart.Client.Caching;
using FailSmart.Core.Evaluation;
using FailSmart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace FailSmart.Client.Tests;

/// <summary>Where a client starts from when the server is not there.</summary>
public sealed class FailSmartClientStartTests : IDisposable
{
    // Nothing listens on port 9 of the loopback: connections are refused at once.
    private static readonly Uri s_deadServer = new("http://127.0.0.1:9/");
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Build_with_the_server_down_and_a_disk_cache_serves_the_cache_as_Stale()
    {
        new RuleSetDiskCache(_folder.Path, NullLogger.Instance).Save(CachedExample(revision: 12), DateTimeOffset.UnixEpoch);
        await using IFailSmartClient client = DeadServerClient(b => b.WithCacheDirectory(_folder.Path));

        ClientState state = await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        state.ShouldBe(ClientState.Stale);
        client.Origin.ShouldBe(RuleSetOrigin.DiskCache);
        client.Revision.ShouldBe(12);
        client.StateReason!.ShouldContain("disk cache");
        ShouldMatchCore(client);
    }

    [Fact]
    public async Task Build_with_the_server_down_and_a_bootstrap_file_serves_it_as_Stale()
    {
        await using IFailSmartClient client = DeadServerClient(b => b.WithBootstrapFile(TestServer.ExamplePath));

        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Stale);

        client.Origin.ShouldBe(RuleSetOrigin.Bootstrap);
        client.StateReason!.ShouldContain("bootstrap");
        ShouldMatchCore(client);
    }

    [Fact]
    public async Task Build_offline_with_a_bootstrap_file_is_Ready()
    {
        await using IFailSmartClient client = new FailSmartClientBuilder().WithBootstrapFile(TestServer.ExamplePath).Build();

        client.State.ShouldBe(ClientState.Ready);
        (await client.Initialization).ShouldBe(ClientState.Ready);
        ShouldMatchCore(client);
    }

    [Fact]
    public async Task Corrupt_cache_file_is_ignored_with_a_warning_and_the_bootstrap_file_is_used()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, RuleSetDiskCache.FileName), "{\"format\":1,\"revision\":3,\"docum", TestContext.Current.CancellationToken);
        var logs = new ListLogger();
        await using IFailSmartClient client = DeadServerClient(b => b.WithCacheDirectory(_folder.Path).WithBootstrapFile(TestServer.ExamplePath).WithLoggerFactory(logs));

        await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        client.Origin.ShouldBe(RuleSetOrigin.Bootstrap);
        logs.Count(3004).ShouldBe(1);
        ShouldMatchCore(client);
    }

    [Fact]
    public async Task Cache_holding_an_invalid_rule_set_is_ignored_with_a_warning()
    {
        string invalid = "{\"version\":1,\"flags\":[{\"key\":\"x\",\"type\":\"boolean\",\"variations\":[]}]}";
        new RuleSetDiskCache(_folder.Path, NullLogger.Instance).Save(new RuleSetSnapshot(Example.Production, RuleSetOrigin.Server, 5, null, invalid), DateTimeOffset.UnixEpoch);
        var logs = new ListLogger();
        await using IFailSmartClient client = DeadServerClient(b => b.WithCacheDirectory(_folder.Path).WithLoggerFactory(logs));

        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Error);

        logs.Count(3004).ShouldBe(1);
        client.Origin.ShouldBe(RuleSetOrigin.None);
    }

    [Fact]
    public async Task Build_with_nothing_to_start_from_is_Error_with_a_reason_and_serves_defaults()
    {
        await using IFailSmartClient client = DeadServerClient(b => { });

        (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Error);

        client.StateReason!.ShouldContain("unreachable");
        client.GetBool("new-checkout", true, Example.User(1)).ShouldBeTrue();
        FlagEvaluation<bool> detail = client.GetBoolDetail("new-checkout", true, Example.User(1));
        detail.ErrorCode.ShouldBe(FlagErrorCode.ProviderNotReady);
        detail.Reason.ShouldBe(EvaluationReason.Error);
    }

    [Fact]
    public void Build_with_invalid_options_lists_every_problem()
    {
        var builder = new FailSmartClientBuilder().Configure(o =>
        {
            o.ServerUrl = new Uri("ftp://flags.example.com");
            o.MaxBatchSize = 0;
        });

        ArgumentException ex = Should.Throw<ArgumentException>(builder.Build);

        ex.Message.ShouldContain("ServerUrl");
        ex.Message.ShouldContain("ServerKey");
        ex.Message.ShouldContain("MaxBatchSize");
    }

    [Fact]
    public async Task StateChanged_handler_that_throws_does_not_break_the_client()
    {
        var logs = new ListLogger();
        var builder = new FailSmartClientBuilder().WithServer(s_deadServer, "fs_server_x").WithLoggerFactory(logs)
            .WithBootstrapFile(TestServer.ExamplePath).Configure(o => o.SendEvents = false);
        await using IFailSmartClient client = builder.Build();
        client.StateChanged += (_, _) => throw new InvalidOperationException("the application's handler failed");

        await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        await Eventually.TrueAsync(() => client.State == ClientState.Stale, "the client is Stale");
        ShouldMatchCore(client);
    }

    private static IFailSmartClient DeadServerClient(Action<FailSmartClientBuilder> configure)
    {
        FailSmartClientBuilder builder = new FailSmartClientBuilder().WithServer(s_deadServer, "fs_server_x")
            .Configure(o => o.SendEvents = false);
        configure(builder);
        return builder.Build();
    }

    private static RuleSetSnapshot CachedExample(long revision) =>
        new(Example.Production, RuleSetOrigin.Server, revision, "\"abc\"", Example.Json);

    private static void ShouldMatchCore(IFailSmartClient client)
    {
        for (int i = 0; i < 100; i++)
        {
            client.GetBool("new-checkout", false, Example.User(i)).ShouldBe(Example.Production.Evaluate("new-checkout", Example.User(i)).Value.AsBoolean());
            client.GetString("checkout-button", "x", Example.User(i)).ShouldBe(Example.Production.Evaluate("checkout-button", Example.User(i)).Value.AsString());
        }
    }
}
