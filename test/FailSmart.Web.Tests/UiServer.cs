using System.Diagnostics;
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
        try
        {
            (Process process, Uri address) = await ChildServer.StartAsync(
                ["--data", data.Path], new Dictionary<string, string>
                {
                    ["Auth__BootstrapAdminKey"] = AdminKey,
                    // Journeys see a guarded rollout start within seconds, not at the next minute's look.
                    ["Rollouts__LookInterval"] = "00:00:02",
                    // Journeys see OFREP evaluations counted within seconds, not at the next minute's write.
                    ["Insights__Server__Interval"] = "00:00:01",
                    // Each request's start and end with its time, so a stalled navigation can be traced.
                    ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
                }, cancellationToken, Path.Combine(AppContext.BaseDirectory, "server-logs", $"server-{Guid.NewGuid():N}.log"));
            return new UiServer(process, data, address);
        }
        catch
        {
            data.Dispose();
            throw;
        }
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
}
