using System.Diagnostics;
using FailSmart.Testing;

namespace FailSmart.Server.Tests;

/// <summary>The real server as a child process, so a test can kill it the way an orchestrator or the OOM killer would.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(string dataPath, CancellationToken cancellationToken)
    {
        (Process process, Uri address) = await ChildServer.StartAsync(
            ["--data", dataPath, "--Auth:BootstrapAdminKey", FailSmartFactory.AdminKey], null, cancellationToken);
        return new ServerProcess(process, address);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no checkpoint.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
