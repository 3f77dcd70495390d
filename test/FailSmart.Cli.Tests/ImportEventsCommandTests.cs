using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart import events` against a real server listening on loopback.</summary>
public sealed class ImportEventsCommandTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_cliimport01_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();
    private readonly TemporaryFolder _files = new();
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private WebApplication _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", _url, "--Auth:BootstrapAdminKey", AdminKey]);
        await _server.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _data.Dispose();
        _files.Dispose();
    }

    private static string At(int days) =>
        DateTimeOffset.UtcNow.AddDays(-days).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_files.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<(int ExitCode, string Output, string Error)> ImportAsync(string path, params string[] extra) =>
        CliRunner.RunAsync(["import", "events", path, "--server", _url, "--key", AdminKey, .. extra], TestContext.Current.CancellationToken);

    [Fact]
    public async Task Import_stores_old_events_once_and_says_so()
    {
        string csv = Write("history.csv", $"""
            unit_id,timestamp,event,value
            u1,{At(200)},purchase,12.5
            u2,{At(150)},purchase,3
            u3,{At(100)},purchase,

            """);

        var (exitCode, output, error) = await ImportAsync(csv);
        var (againCode, again, _) = await ImportAsync(csv, "--kind", "events");

        exitCode.ShouldBe(0, error);
        output.ShouldContain("Imported 3 rows from history.csv: 3 new, 0 already stored.");
        againCode.ShouldBe(0);
        again.ShouldContain("Imported 3 rows from history.csv: 0 new, 3 already stored.");
    }

    [Fact]
    public async Task Import_of_a_file_with_a_bad_line_exits_1_naming_the_line()
    {
        string ndjson = Write("history.ndjson", $$"""
            {"unitId":"u1","timestamp":"{{At(50)}}","event":"purchase"}
            {"unitId":"u2","timestamp":"12/06/2026 10:00:00","event":"purchase"}
            """);

        var (exitCode, output, error) = await ImportAsync(ndjson);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.ShouldContain("422 The import was refused; nothing was stored.");
        error.ShouldContain("line 2: timestamp must be an ISO 8601 date and time with a UTC offset");
    }

    [Fact]
    public async Task Import_with_a_key_that_is_not_an_admin_key_exits_1()
    {
        string ndjson = Write("one.ndjson", $$"""{"unitId":"u1","timestamp":"{{At(5)}}","event":"purchase"}""");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["import", "events", ndjson, "--server", _url, "--key", "fs_admin_nosuchkey1_0123456789abcdefghijklmnop"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        error.ShouldContain("401");
    }

    [Fact]
    public async Task Import_of_a_file_of_unknown_format_is_a_usage_error()
    {
        string text = Write("history.txt", "x");

        var (exitCode, _, error) = await ImportAsync(text);

        exitCode.ShouldBe(2);
        error.ShouldContain("--format ndjson or --format csv");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
