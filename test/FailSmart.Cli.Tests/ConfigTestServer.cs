using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Cli.Tests;

/// <summary>A real server on loopback with an empty store, for `failsmart config`, and a folder for the files the tests write.</summary>
internal sealed class ConfigTestServer : IAsyncDisposable
{
    public const string AdminKey = "fs_admin_cliconfig_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();
    private readonly TemporaryFolder _files = new();
    private readonly WebApplication _server;

    private ConfigTestServer(string url)
    {
        Url = url;
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", url, "--Auth:BootstrapAdminKey", AdminKey]);
        Http = new HttpClient { BaseAddress = new Uri(url) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
    }

    public string Url { get; }

    public HttpClient Http { get; }

    public static string Example => Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ConfigTestServer> StartAsync()
    {
        var server = new ConfigTestServer($"http://127.0.0.1:{FreePort()}");
        await server._server.StartAsync(Ct);
        return server;
    }

    public Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--server", Url, "--key", AdminKey], Ct);

    public string Write(string name, string text)
    {
        string path = Path.Combine(_files.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string name) => Path.Combine(_files.Path, name);

    public async Task<JsonElement> GetAsync(string path)
    {
        using HttpResponseMessage response = await Http.GetAsync(new Uri(path, UriKind.Relative), Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using JsonDocument json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string? body = null, long? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (ifMatch is { } version)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        }

        using HttpResponseMessage response = await Http.SendAsync(request, Ct);
        return response.StatusCode;
    }

    /// <summary>Every resource as "section/key@version" (archived ones marked), to show that nothing was written.</summary>
    public async Task<string[]> VersionsAsync()
    {
        var versions = new List<string>();
        foreach (string section in new[] { "flags", "segments", "experiments", "layers", "holdouts", "metrics" })
        {
            JsonElement page = await GetAsync($"/api/v1/{section}?includeArchived=true&limit=200");
            versions.AddRange(page.GetProperty("items").EnumerateArray().Select(i =>
                $"{section}/{i.GetProperty("key").GetString()}@{i.GetProperty("version").GetInt64()}{(i.GetProperty("archived").GetBoolean() ? " archived" : "")}"));
        }

        return [.. versions];
    }

    /// <summary>How many entries the audit log holds: a run that changes nothing adds none.</summary>
    public async Task<int> AuditCountAsync()
    {
        JsonElement audit = await GetAsync("/api/v1/audit?limit=200");
        return (audit.ValueKind == JsonValueKind.Array ? audit : audit.GetProperty("items")).GetArrayLength();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _data.Dispose();
        _files.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
