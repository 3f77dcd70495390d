using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace FailSmart.Testing;

/// <summary>
/// Starts the real server (FailSmart.Server.dll from the test's output folder) as a child process on a free
/// loopback port (or the one given, to start a server again where it was), and waits until /health answers 200.
/// With a log path, the server's output goes there, so a journey that stalls can be read afterwards.
/// </summary>
internal static class ChildServer
{
    public static async Task<(Process Process, Uri Address)> StartAsync(
        IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken, string? logPath = null, int? port = null)
    {
        port ??= FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FailSmart.Server.dll"));
        foreach (string argument in arguments.Concat(["--urls", $"http://127.0.0.1:{port}"]))
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        Process process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        TextWriter? log = logPath is null ? null : OpenLog(logPath);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.Exited += (_, _) => log?.Dispose();
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}");
        try
        {
            await WaitUntilHealthyAsync(process, address, cancellationToken);
            return (process, address);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    private static async Task WaitUntilHealthyAsync(Process process, Uri address, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = address };
        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                if ((await probe.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return;
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

        throw new TimeoutException("The server did not answer /health within 30 s.");
    }

    private static TextWriter OpenLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return TextWriter.Synchronized(new StreamWriter(path, append: false) { AutoFlush = true });
    }

    private static void Write(TextWriter? log, string? line)
    {
        if (log is null || line is null)
        {
            return;
        }

        try
        {
            log.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {line}");
        }
        catch (ObjectDisposedException)
        {
            // the process ended while its last lines were read
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
