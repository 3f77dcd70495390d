using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FailSmart.Server;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.LoadTests;

/// <summary>The real server on a loopback port over a temporary data folder, with the example configuration loaded.</summary>
internal sealed class LoadServer : IAsyncDisposable
{
    public const string AdminKey = "fs_admin_loadtest01_0123456789abcdefghijklmnop";

    private readonly WebApplication _app;
    private readonly string _data;

    private LoadServer(WebApplication app, string data, Uri address)
    {
        _app = app;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<LoadServer> StartAsync(int port, bool loadExample = true)
    {
        string data = Path.Combine(Path.GetTempPath(), "failsmart-load-" + Guid.NewGuid().ToString("N"));
        WebApplication app = FailSmartServer.Create(
        [
            "--data", data, "--urls", $"http://127.0.0.1:{port}", "--Auth:BootstrapAdminKey", AdminKey,
            "--RateLimits:PermitsPerWindow", "100000000", "--Logging:LogLevel:Default", "Warning",
        ]);
        await app.StartAsync();
        var server = new LoadServer(app, data, new Uri($"http://127.0.0.1:{port}"));
        if (loadExample)
        {
            await server.LoadExampleAsync();
        }

        return server;
    }

    public HttpClient Client(string key) => Client(Address, key);

    public Task<string> CreateKeyAsync(string kind, string environment) => CreateKeyAsync(Address, kind, environment);

    /// <summary>A client for a server at <paramref name="address"/> (in this process or another) with its own connection pool.</summary>
    public static HttpClient Client(Uri address, string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates an API key through the admin API and returns its secret.</summary>
    public static async Task<string> CreateKeyAsync(Uri address, string kind, string environment)
    {
        using HttpClient admin = Client(address, AdminKey);
        using HttpResponseMessage response = await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = $"load {kind}", kind, environment });
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("secret").GetString()!;
    }

    private async Task LoadExampleAsync()
    {
        string repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "FailSmart.slnx")))
        {
            repo = Path.GetDirectoryName(repo) ?? throw new InvalidOperationException("Run from inside the repository.");
        }

        using JsonDocument example = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(repo, "docs", "examples", "checkout.json")));
        using HttpClient admin = Client(AdminKey);
        foreach (string array in new[] { "segments", "layers", "holdouts", "experiments", "flags" })
        {
            foreach (JsonElement resource in example.RootElement.GetProperty(array).EnumerateArray())
            {
                using var content = new StringContent(resource.GetRawText(), Encoding.UTF8, "application/json");
                (await admin.PostAsync($"/api/v1/{array}", content)).EnsureSuccessStatusCode();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp cleaner
        }
    }
}
