using System.Net;
using System.Net.Sockets;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart population put|list|get|delete` against a real server listening on loopback.</summary>
public sealed class PopulationCommandTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_clipopul0001_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();
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
    }

    private async Task<string> FileAsync(string name, string text)
    {
        string path = Path.Combine(_data.Path, name);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        return path;
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(["population", .. args, "--server", _url, "--key", AdminKey], TestContext.Current.CancellationToken);

    [Fact]
    public async Task Put_a_bad_file_stores_nothing_then_put_list_get_and_delete_a_good_one()
    {
        string bad = await FileAsync("bad.csv", "country,platform,units\nDE,ios,100\nDE,android,-1\n");
        string good = await FileAsync("launch.csv", "country,platform,units\nDE,ios,400\nDE,android,600\n");

        (int refused, _, string refusedError) = await RunAsync("put", "launch", "--file", bad);
        (int put, string putOutput, string putError) = await RunAsync("put", "launch", "--file", good, "--description", "Launch markets");
        (int list, string listOutput, _) = await RunAsync("list");
        (int get, string getOutput, _) = await RunAsync("get", "launch");
        (int delete, string deleteOutput, _) = await RunAsync("delete", "launch");
        (int missing, _, string missingError) = await RunAsync("get", "launch");

        refused.ShouldBe(1);
        refusedError.ShouldContain("$.rows[3].units");
        refusedError.ShouldContain("Nothing was stored.");
        put.ShouldBe(0, putError);
        putOutput.Trim().ShouldBe("Stored 'launch' (version 1): 2 strata, 1,000 units.");
        list.ShouldBe(0);
        listOutput.ShouldContain("launch  by country, platform  2 strata  1,000 units  v1 by");
        get.ShouldBe(0);
        getOutput.ShouldContain("\"description\": \"Launch markets\"");
        delete.ShouldBe(0);
        deleteOutput.Trim().ShouldBe("Deleted 'launch'.");
        missing.ShouldBe(1);
        missingError.ShouldContain("No such population.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
