using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FailSmart.Server;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Client.Tests;

/// <summary>
/// The real FailSmart server on a real Kestrel port over its own data folder. It can be stopped and
/// started again on the same port and folder, as an operator restarting it would.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    public const string AdminKey = "fs_admin_testadmin01_0123456789abcdefghijklmnop";

    private readonly TemporaryFolder _data = new();
    private WebApplication? _app;

    public TestServer() => Url = new Uri($"http://127.0.0.1:{FreePort()}/");

    public Uri Url { get; }

    public string DataPath => _data.Path;

    public bool IsRunning => _app is not null;

    public WebApplication App => _app ?? throw new InvalidOperationException("The server is stopped.");

    /// <summary>Starts a server loaded with docs/examples/checkout.json and returns it with a production server key.</summary>
    public static async Task<(TestServer Server, string Key)> StartWithExampleAsync()
    {
        var server = new TestServer();
        await server.StartAsync();
        using HttpClient admin = server.Admin();
        await LoadExampleAsync(admin);
        string key = await CreateKeyAsync(admin, "server", "production");
        return (server, key);
    }

    public async Task StartAsync()
    {
        _app = FailSmartServer.Create(["--data", _data.Path, "--urls", Url.ToString().TrimEnd('/'), "--Auth:BootstrapAdminKey", AdminKey, "--Logging:LogLevel:Default", "Warning"]);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Stops the server: gracefully (requests in flight may finish) or at once.</summary>
    public async Task StopAsync(bool graceful = true)
    {
        if (_app is null)
        {
            return;
        }

        WebApplication app = _app;
        _app = null;
        using var cts = new CancellationTokenSource(graceful ? TimeSpan.FromSeconds(5) : TimeSpan.Zero);
        try
        {
            await app.StopAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // An abrupt stop is what we asked for.
        }

        await app.DisposeAsync();
    }

    public HttpClient Admin() => WithKey(AdminKey);

    public HttpClient WithKey(string key)
    {
        var client = new HttpClient { BaseAddress = Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<string> CreateKeyAsync(HttpClient admin, string kind, string environment)
    {
        using HttpResponseMessage response = await admin.PostAsJsonAsync(
            new Uri("api/v1/api-keys", UriKind.Relative), new { name = kind + " key", kind, environment }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("secret").GetString()!;
    }

    public static async Task ToggleAsync(HttpClient admin, string flag, bool enabled)
    {
        using HttpResponseMessage response = await admin.PostAsJsonAsync(
            new Uri($"api/v1/flags/{flag}/environments/production/toggle", UriKind.Relative), new { enabled, reason = "test" }, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public static async Task LoadExampleAsync(HttpClient admin)
    {
        using JsonDocument example = JsonDocument.Parse(await File.ReadAllTextAsync(ExamplePath, TestContext.Current.CancellationToken));
        foreach (string array in new[] { "segments", "layers", "holdouts", "experiments", "flags" })
        {
            foreach (JsonElement resource in example.RootElement.GetProperty(array).EnumerateArray())
            {
                using var content = new StringContent(resource.GetRawText(), Encoding.UTF8, "application/json");
                using HttpResponseMessage response = await admin.PostAsync(new Uri($"api/v1/{array}", UriKind.Relative), content, TestContext.Current.CancellationToken);
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            }
        }
    }

    public static string ExamplePath => Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json");

    public async ValueTask DisposeAsync()
    {
        await StopAsync(graceful: false);
        _data.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
