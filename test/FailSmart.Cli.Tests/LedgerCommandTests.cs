using System.Net;
using System.Net.Sockets;
using System.Text;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart ledger import FILE [--dry-run]` against a real server listening on loopback.</summary>
public sealed class LedgerCommandTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_clildger0001_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private WebApplication _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", _url, "--Auth:BootstrapAdminKey", AdminKey]);
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _http = new HttpClient { BaseAddress = new Uri(_url) };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        using var feature = new StringContent("""{"key":"delivery-dates","name":"Delivery dates","owner":"team-checkout","problem":"Shoppers leave"}""", Encoding.UTF8, "application/json");
        (await _http.PostAsync(new Uri("/api/v1/features", UriKind.Relative), feature, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _data.Dispose();
    }

    private async Task<string> FileAsync(string name, string csv)
    {
        string path = Path.Combine(_data.Path, name);
        await File.WriteAllTextAsync(path, csv, TestContext.Current.CancellationToken);
        return path;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["ledger", "import", .. args, "--server", _url, "--key", AdminKey], TestContext.Current.CancellationToken);

    private async Task<string> LedgerAsync() =>
        await _http.GetStringAsync(new Uri("/api/v1/features/delivery-dates/ledger", UriKind.Relative), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Import_a_dry_run_then_the_file_then_the_same_file_again_which_changes_nothing()
    {
        string file = await FileAsync("ledger.csv", "feature,week,phase,person_days,note\ndelivery-dates,2026-W14,think,2,Interviews\ndelivery-dates,2026-04-08,build,4.5,\n");

        (int dry, string dryOutput, _) = await RunAsync(file, "--dry-run");
        string afterDryRun = await LedgerAsync();
        (int first, string firstOutput, string firstError) = await RunAsync(file);
        (int second, string secondOutput, _) = await RunAsync(file);

        (dry, dryOutput.Trim()).ShouldBe((0, "Dry run, nothing written: 2 rows: 2 would change (2 new, 0 replaced), 0 unchanged."));
        afterDryRun.ShouldBe("[]");
        (first, firstError, firstOutput.Trim()).ShouldBe((0, "", "Imported 2 rows: 2 changed (2 new, 0 replaced), 0 unchanged."));
        (second, secondOutput.Trim()).ShouldBe((0, "Imported 2 rows: 0 changed (0 new, 0 replaced), 2 unchanged."));
        (await LedgerAsync()).ShouldContain("\"week\":\"2026-W15\"");
    }

    [Fact]
    public async Task Import_with_a_bad_row_prints_the_line_and_its_problem_imports_nothing_and_exits_1()
    {
        string file = await FileAsync("bad.csv", "feature,week,phase,person_days\ndelivery-dates,2026-W14,think,2\ndelivery-dates,someday,build,4.5\n");

        (int exit, _, string error) = await RunAsync(file);

        exit.ShouldBe(1);
        error.ShouldContain("400 The request is not valid.");
        error.ShouldContain("$.rows[3].week: 'someday' is not a week.");
        error.ShouldContain("Nothing was imported.");
        (await LedgerAsync()).ShouldBe("[]");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
