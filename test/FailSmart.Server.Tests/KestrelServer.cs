using System.Net.Http.Headers;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;

namespace FailSmart.Server.Tests;

/// <summary>The real server on a real Kestrel port on 127.0.0.1, for clients that speak real HTTP (node, Chromium, raw sockets).</summary>
public sealed class KestrelServer : IAsyncDisposable
{
    private readonly TemporaryFolder _data;
    private readonly WebApplication _app;

    private KestrelServer(TemporaryFolder data, WebApplication app)
    {
        _data = data;
        _app = app;
        Address = new Uri(app.Urls.First());
    }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<KestrelServer> StartAsync(params string[] settings)
    {
        var data = new TemporaryFolder();
        WebApplication app = FailSmartServer.Create(
            ["--data", data.Path, "--urls", "http://127.0.0.1:0", "--Auth:BootstrapAdminKey", FailSmartFactory.AdminKey, .. settings]);
        await app.StartAsync(ApiTestExtensions.Ct);
        return new KestrelServer(data, app);
    }

    /// <summary>A client of the real listener that sends the given key (the admin key by default).</summary>
    public HttpClient ClientWithKey(string? key = FailSmartFactory.AdminKey)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
