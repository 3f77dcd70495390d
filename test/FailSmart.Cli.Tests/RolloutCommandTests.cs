using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using FailSmart.Application.Rollouts;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart rollout` against a real server listening on loopback, with one guarded rollout the engine started.</summary>
public sealed class RolloutCommandTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_clirollout_0123456789abcdefghijklmnop";
    private const string Rollout = "production/checkout/ramp";

    private readonly TemporaryFolder _data = new();
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private WebApplication _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", _url, "--Auth:BootstrapAdminKey", AdminKey]);
        await _server.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        const string Flag = """
            {"key":"checkout","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{"stages":[{"percentage":1},{"percentage":10},{"percentage":100}]}}}]}}}
            """;
        (await http.PostAsync(new Uri("/api/v1/flags", UriKind.Relative), new StringContent(Flag, Encoding.UTF8, "application/json"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _server.Services.GetRequiredService<IRolloutEngine>().LookAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _data.Dispose();
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--server", _url, "--key", AdminKey], Ct);

    [Fact]
    public async Task List_shows_the_rollout_at_stage_one_of_three_of_the_units_not_held_back()
    {
        var (exitCode, output, error) = await RunAsync("rollout", "list");

        exitCode.ShouldBe(0, error);
        output.ShouldContain("checkout");
        output.ShouldContain("1 of 3 (1% of 99%)");
        output.ShouldContain("running");
    }

    [Fact]
    public async Task Pause_with_a_reason_pauses_and_show_lists_it_in_the_history()
    {
        var (exitCode, output, error) = await RunAsync("rollout", "pause", Rollout, "--reason", "Support tickets doubled");
        var (_, shown, _) = await RunAsync("rollout", "show", Rollout);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("paused");
        shown.ShouldContain("rollout.pause");
        shown.ShouldContain("ramp: Support tickets doubled");
    }

    [Fact]
    public async Task Resume_of_a_running_rollout_exits_1_with_the_servers_reason()
    {
        var (exitCode, _, error) = await RunAsync("rollout", "resume", Rollout, "--reason", "go");

        exitCode.ShouldBe(1);
        error.ShouldContain("409");
        error.ShouldContain("resume applies only when it is paused");
    }

    [Fact]
    public async Task A_rollout_that_is_not_environment_flag_rule_is_a_usage_error()
    {
        var (exitCode, _, error) = await RunAsync("rollout", "show", "checkout");

        exitCode.ShouldBe(2);
        error.ShouldContain("environment/flag/rule");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
