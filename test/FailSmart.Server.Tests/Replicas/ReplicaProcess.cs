using System.Diagnostics;
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

    private ReplicaProcess(Process process) => _process = process;

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

    public static ReplicaProcess Launch(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "FailSmart.Server.dll"));
        foreach (string argument in arguments.Concat(["--urls", "http://127.0.0.1:0"]))
        {
            info.ArgumentList.Add(argument);
        }

        var replica = new ReplicaProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
        replica._process.OutputDataReceived += (_, e) => Append(replica._output, e.Data);
        replica._process.ErrorDataReceived += (_, e) => Append(replica._errors, e.Data);
        replica._process.BeginOutputReadLine();
        replica._process.BeginErrorReadLine();
        return replica;
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
}
