using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart schedule toggle|list|cancel` against a real server listening on loopback.</summary>
public sealed class ScheduleCommandTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_clischedule01_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private WebApplication _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", _url, "--Auth:BootstrapAdminKey", AdminKey]);
        await _server.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        using var flag = new StringContent(
            """{"key":"checkout","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[]}}}""",
            Encoding.UTF8, "application/json");
        (await http.PostAsync(new Uri("/api/v1/flags", UriKind.Relative), flag, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _data.Dispose();
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["schedule", .. args, "--server", _url, "--key", AdminKey], TestContext.Current.CancellationToken);

    [Fact]
    public async Task Toggle_list_and_cancel_a_scheduled_change()
    {
        string at = DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        (int created, string createdOutput, string createdError) = await RunAsync("toggle", "checkout", "--env", "production", "--on", "--at", at, "--reason", "launch");
        (int listed, string listOutput, _) = await RunAsync("list", "--status", "pending");
        (int cancelled, string cancelOutput, _) = await RunAsync("cancel", "1", "--reason", "moved");
        (int again, _, string againError) = await RunAsync("cancel", "1");

        (created, createdError).ShouldBe((0, ""));
        createdOutput.ShouldContain("#1 ");
        createdOutput.ShouldContain("pending: turn flag checkout on in production");
        listed.ShouldBe(0);
        listOutput.ShouldContain("#1 ");
        cancelled.ShouldBe(0);
        cancelOutput.ShouldContain("cancelled (moved)");
        again.ShouldBe(1);
        againError.ShouldContain("409 The scheduled change is no longer pending.");
    }

    [Fact]
    public async Task Toggle_in_the_past_prints_the_servers_problem_and_exits_1()
    {
        (int exit, _, string error) = await RunAsync("toggle", "checkout", "--env", "production", "--off", "--at", "2001-01-01T00:00:00Z");

        exit.ShouldBe(1);
        error.ShouldContain("400 The request is not valid.");
        error.ShouldContain("$.dueAt: dueAt 2001-01-01T00:00:00Z is not in the future");
    }

    [Fact]
    public async Task Toggle_without_on_or_off_is_a_usage_error()
    {
        (int exit, _, string error) = await RunAsync("toggle", "checkout", "--env", "production", "--at", "2030-01-01T00:00:00Z");

        exit.ShouldBe(2);
        error.ShouldContain("exactly one of --on and --off");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
