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
    public async Task A_long_pause_reason_is_one_whole_line_in_list_and_show()
    {
        string reason = "Support tickets doubled in the hour after the stage began: "
            + string.Join(", ", Enumerable.Range(1, 30).Select(i => $"ticket {i}"))
            + "; holding until support confirms the cause.";
        reason.Length.ShouldBeGreaterThan(300);
        (await RunAsync("rollout", "pause", Rollout, "--reason", reason)).ExitCode.ShouldBe(0);

        var (listCode, listed, listError) = await RunAsync("rollout", "list");
        var (showCode, shown, showError) = await RunAsync("rollout", "show", Rollout);

        listCode.ShouldBe(0, listError);
        showCode.ShouldBe(0, showError);
        Lines(listed).ShouldContain($"Last reason for {Rollout}: {reason}");
        Lines(shown).ShouldContain($"Last: pause: {reason}");
        // The audit entry's reason names the rule it was given for.
        Lines(shown).Count(l => l.StartsWith("  ", StringComparison.Ordinal) && l.EndsWith($" rollout.pause: ramp: {reason}", StringComparison.Ordinal)).ShouldBe(1);
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

    private static string[] Lines(string output) => [.. output.Split('\n').Select(l => l.TrimEnd('\r'))];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
