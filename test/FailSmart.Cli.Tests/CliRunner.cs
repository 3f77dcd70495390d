using System.CommandLine;

namespace FailSmart.Cli.Tests;

/// <summary>Runs the real command tree in-process, as Program does, and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        int exitCode = await CliApp.RunAsync(args, configuration, cancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }
}
