using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart experiment` against a real server on loopback: a running experiment and a draft that would share its units.</summary>
public sealed class ExperimentCommandTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_cliexperiment_0123456789abcdefghijklm";

    private readonly TemporaryFolder _data = new();
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private WebApplication _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Experiment(string key, string status) => $$"""
        {"key":"{{key}}","hashAttribute":"id","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"{{status}}"}
        """;

    private static string Flag(string key, string experiment) => $$"""
        {"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"r1","experiment":{"key":"{{experiment}}"} }]} } }
        """;

    public async ValueTask InitializeAsync()
    {
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", _url, "--Auth:BootstrapAdminKey", AdminKey]);
        await _server.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        foreach ((string path, string json) in new[]
        {
            ("/api/v1/experiments", Experiment("no-ads", "running")), ("/api/v1/flags", Flag("ads", "no-ads")),
            ("/api/v1/experiments", Experiment("onboarding", "draft")), ("/api/v1/flags", Flag("onboarding-flow", "onboarding")),
            ("/api/v1/experiments", Experiment("pricing", "running")),
        })
        {
            using HttpResponseMessage created = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), Ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        }
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
    public async Task Checklist_with_a_collision_prints_each_check_names_the_other_trial_and_exits_3()
    {
        var (exitCode, output, error) = await RunAsync("experiment", "checklist", "onboarding");

        exitCode.ShouldBe(3, error);
        output.ShouldContain("Experiment onboarding in production: draft, phase 1; checklist failed");
        output.ShouldContain("Starting it would let it share units with experiment 'no-ads' in production");
        output.ShouldContain("Runs on flag 'onboarding-flow' (rule 'r1') in production.");
    }

    [Fact]
    public async Task Checklist_prints_each_checks_sentence_whole_on_a_line_of_its_own()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        using JsonDocument checklist = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/v1/experiments/onboarding/checklist?environment=production", UriKind.Relative), Ct));
        JsonElement[] items = [.. checklist.RootElement.GetProperty("items").EnumerateArray()];

        var (_, output, _) = await RunAsync("experiment", "checklist", "onboarding");

        string[] lines = [.. output.Split('\n').Select(l => l.TrimEnd('\r'))];
        items.Length.ShouldBe(6);
        // The collision's sentence names both trials and how to keep them apart: longer than a narrow cell.
        items.Select(i => i.GetProperty("sentence").GetString()!.Length).Max().ShouldBeGreaterThan(150);
        foreach (JsonElement item in items)
        {
            lines.ShouldContain($"Why {item.GetProperty("check").GetString()} {item.GetProperty("state").GetString()}: {item.GetProperty("sentence").GetString()}");
        }
    }

    [Fact]
    public async Task Start_refused_by_the_guard_prints_the_collision_and_exits_1_then_acknowledged_starts()
    {
        var (refusedCode, _, refusal) = await RunAsync("experiment", "start", "onboarding", "--reason", "Plan reviewed");

        refusedCode.ShouldBe(1);
        refusal.ShouldContain("409 The change would let trials share units.");
        refusal.ShouldContain("production: Experiment 'no-ads' and experiment 'onboarding' both assign by 'id'");

        var (exitCode, output, error) = await RunAsync("experiment", "start", "onboarding", "--reason", "Read out separately", "--acknowledge-collisions");

        exitCode.ShouldBe(0, error);
        output.Trim().ShouldBe("Experiment onboarding: running, phase 1 (version 2).");
    }

    [Fact]
    public async Task New_phase_with_weights_then_stop_print_the_new_state()
    {
        var (phaseCode, phased, phaseError) = await RunAsync("experiment", "new-phase", "pricing", "--reason", "Guardrails held", "--weights", "0.2,0.8", "--coverage", "0.5");
        phaseCode.ShouldBe(0, phaseError);
        phased.Trim().ShouldBe("Experiment pricing: running, phase 2 (version 2).");

        var (stopCode, stopped, stopError) = await RunAsync("experiment", "stop", "pricing", "--reason", "Decision reached");
        stopCode.ShouldBe(0, stopError);
        stopped.Trim().ShouldBe("Experiment pricing: stopped, phase 2 (version 3).");
    }

    [Fact]
    public async Task Bad_weights_are_a_usage_error_and_three_weights_for_two_variations_are_the_servers_problem()
    {
        var (usage, _, usageError) = await RunAsync("experiment", "new-phase", "pricing", "--reason", "x", "--weights", "0.2,half");
        usage.ShouldBe(2);
        usageError.ShouldContain("--weights: 'half' is not a number");

        var (refused, _, error) = await RunAsync("experiment", "new-phase", "pricing", "--reason", "x", "--weights", "0.2,0.3,0.5");
        refused.ShouldBe(1);
        error.ShouldContain("weights: Experiment 'pricing' has 2 variations, so a new phase needs 2 weights, not 3.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
