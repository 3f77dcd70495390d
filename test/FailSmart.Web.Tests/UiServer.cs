using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FailSmart.Testing;

namespace FailSmart.Web.Tests;

/// <summary>The real server, as a child process on a free loopback port, over a fresh data folder.</summary>
public sealed class UiServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TemporaryFolder _data;

    private UiServer(Process process, TemporaryFolder data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>A client for the admin API, authenticated with <see cref="AdminKey"/>.</summary>
    public HttpClient AdminApi() => new() { BaseAddress = Address, DefaultRequestHeaders = { { "Authorization", "Bearer " + AdminKey } } };

    /// <summary>The admin API key every server started here accepts (Auth:BootstrapAdminKey), for setting up through the API.</summary>
    public const string AdminKey = "fs_admin_uitests_0123456789abcdefghijklmnop";

    public static async Task<UiServer> StartAsync(CancellationToken cancellationToken)
    {
        var data = new TemporaryFolder();
        int port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "FailSmart.Server.dll"), "--data", data.Path, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["Auth__BootstrapAdminKey"] = AdminKey },
        };
        Process process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new UiServer(process, data, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = server.Address };
        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await probe.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} before it was ready.");
            }

            await Task.Delay(100, cancellationToken);
        }

        await server.DisposeAsync();
        throw new TimeoutException("The server did not answer /health within 30 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _data.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
