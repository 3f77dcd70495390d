using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using FailSmart.Cli.Commands;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart scan --server`: the flags, archived ones included, from a real server listening on loopback.</summary>
public sealed class ScanCommandServerTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_cliscan000001_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();
    private readonly TemporaryFolder _code = new();
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private WebApplication _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", _url, "--Auth:BootstrapAdminKey", AdminKey]);
        await _server.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        foreach (string key in new[] { "a-live", "b-live", "c-retired", "d-live", "e-retired" })
        {
            using var flag = new StringContent(
                """{"key":"KEY","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":false,"offVariation":"off","defaultVariation":"off","rules":[]}}}""".Replace("KEY", key, StringComparison.Ordinal),
                Encoding.UTF8, "application/json");
            (await http.PostAsync(new Uri("/api/v1/flags", UriKind.Relative), flag, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        foreach (string key in new[] { "c-retired", "e-retired" })
        {
            (await http.DeleteAsync(new Uri($"/api/v1/flags/{key}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        File.WriteAllText(Path.Combine(_code.Path, "Page.cs"), "var a = flags.GetBool(\"a-live\", false);\nvar c = flags.GetBool(\"c-retired\", false);\nvar g = flags.GetBool(\"ghost\", false);\n");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _data.Dispose();
        _code.Dispose();
    }

    [Fact]
    public async Task Scan_against_the_server_knows_archived_flags_and_fails_on_their_references()
    {
        (int exit, string output, string error) = await CliRunner.RunAsync(
            ["scan", _code.Path, "--server", _url, "--api-key", AdminKey, "--format", "github", "--fail-on", "archived"], TestContext.Current.CancellationToken);

        exit.ShouldBe(ExitCodes.Findings);
        error.Trim().ShouldBe("failsmart scan found 1 reference to archived flags (--fail-on); exit code 3.");
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ShouldBe([
            "::error file=Page.cs,line=2,col=24,title=Archived flag::Flag 'c-retired' is archived but still referenced here: remove the reference (or unarchive the flag).",
            "::warning file=Page.cs,line=3,col=24,title=Unknown flag::Flag 'ghost' is not a FailSmart flag: a typo, or a flag never created.",
            "::notice title=Unreferenced flag::Flag 'b-live' has no reference in the scanned code: a candidate for removal.",
            "::notice title=Unreferenced flag::Flag 'd-live' has no reference in the scanned code: a candidate for removal.",
            $"Scanned 1 file against 5 flags from server {_url}/: 3 references, 1 to archived flags, 1 to unknown flags; 2 flags with no reference.",
        ]);
    }

    [Fact]
    public async Task The_flag_list_is_read_page_by_page_with_archived_flags()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        (var flags, int? exit) = await ScanFlagSource.FromServerAsync(
            _url, AdminKey, new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken, pageSize: 2);

        (exit, error.ToString()).ShouldBe((null, ""));
        flags!.Archived.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}")
            .ShouldBe(["a-live False", "b-live False", "c-retired True", "d-live False", "e-retired True"]);
    }

    [Fact]
    public async Task A_key_the_server_refuses_exits_1_with_its_problem()
    {
        (int exit, string output, string error) = await CliRunner.RunAsync(
            ["scan", _code.Path, "--server", _url, "--key", "fs_admin_nosuchkey00001_0123456789abcdefghijklmnop"], TestContext.Current.CancellationToken);

        exit.ShouldBe(ExitCodes.InvalidInput);
        error.ShouldStartWith("401 ");
        output.ShouldBeEmpty();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
