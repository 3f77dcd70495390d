using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>
/// The real server as a child process that is not waited on: for a replica that should fail to start, or
/// one to kill while it is still starting. Keeps what it wrote to each stream.
/// </summary>
internal sealed class ReplicaProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private ReplicaProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where it listens once started.</summary>
    public Uri Address { get; }

    /// <summary>What it wrote to standard output.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What it wrote to standard error.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Starts the server with these arguments, and these environment variables set or replaced.</summary>
    public static ReplicaProcess Launch(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FailSmart.Server.dll"));
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        foreach (string argument in arguments.Concat(["--urls", address.ToString()]))
        {
            info.ArgumentList.Add(argument);
        }

        var replica = new ReplicaProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."), address);
        replica._process.OutputDataReceived += (_, e) => Append(replica._output, e.Data);
        replica._process.ErrorDataReceived += (_, e) => Append(replica._errors, e.Data);
        replica._process.BeginOutputReadLine();
        replica._process.BeginErrorReadLine();
        return replica;
    }

    /// <summary>
    /// Waits until /health answers 200, or fails with what it wrote. Two minutes, not ChildServer's 30
    /// seconds: replicas starting together on a busy two-core machine share it.
    /// </summary>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        for (int attempt = 0; attempt < 1200; attempt++)
        {
            try
            {
                using HttpResponseMessage health = await probe.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The replica exited with code {_process.ExitCode} before it was ready.\n{Errors}\n{Output}");
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The replica did not answer /health within two minutes.\n{Errors}\n{Output}");
    }

    /// <summary>Waits for it to end by itself and returns its exit code, once both streams are read to the end.</summary>
    public async Task<int> ExitCodeAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        await _process.WaitForExitAsync(limit.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as an orchestrator or the OOM killer would.</summary>
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

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
