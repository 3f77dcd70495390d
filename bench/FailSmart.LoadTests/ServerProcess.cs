using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FailSmart.LoadTests;

/// <summary>
/// The load-test server in a child process (this program with <c>serve PORT</c>). Keeping the server and
/// the load generator in separate processes halves each one's open sockets: 10,000 streams need
/// 20,000 descriptors in total, and a process here may hold at most 20,000.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ServerProcess> StartAsync(int port)
    {
        // This program again: its own executable, or the dotnet host with the assembly that holds the entry point
        // (a test run through "dotnet exec", whose entry point handles "serve" too).
        string host = Environment.ProcessPath!;
        string[] arguments = ["serve", port.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            arguments = [System.Reflection.Assembly.GetEntryAssembly()!.Location, .. arguments];
        }

        var start = new ProcessStartInfo(host, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("BASE=", StringComparison.Ordinal))
            {
                return new ServerProcess(process, new Uri(line["BASE=".Length..]));
            }
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The server process exited before it was ready.");
    }

    /// <summary>
    /// A loopback port free at the moment of asking, so that two load tests on one machine do not clash
    /// on a fixed port. Another process could take it before the server binds it; the server then fails to start.
    /// </summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            // Closing its input stops the server gracefully, so it removes its data folder.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(30_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
