using System.Diagnostics;
using System.Text;

namespace FailSmart.Packaging.Tests;

/// <summary>
/// Runs dotnet (or an installed tool) as a user's shell would, outside the repository's build: no MSBuild
/// variables inherited from the test host, and a NuGet cache of its own (<see cref="IsolatedCache"/>).
/// </summary>
internal static class DotnetCommand
{
    /// <summary>A guard against a hung restore, not a measurement.</summary>
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(8);

    /// <summary>The folder holding the dotnet host that runs these tests.</summary>
    public static string DotnetRoot { get; } =
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    /// <summary>
    /// A NuGet packages folder kept between runs outside the repository, so third-party packages are
    /// downloaded once, and never the global one, so a user's own cache is neither read nor filled.
    /// </summary>
    public static string IsolatedCache { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? home : Path.GetTempPath(),
        ".cache", "failsmart", "packaging-nuget");

    /// <summary>
    /// Removes FailSmart's own packages from the isolated cache: every build packs the same version, and
    /// NuGet would otherwise keep serving the copy it extracted on an earlier run.
    /// </summary>
    public static void ForgetFailSmartPackages()
    {
        if (!Directory.Exists(IsolatedCache))
        {
            return;
        }

        foreach (string folder in Directory.GetDirectories(IsolatedCache, "failsmart.*"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        RunProgramAsync(Path.Combine(DotnetRoot, "dotnet"), workingDirectory, arguments, cancellationToken);

    public static async Task<(int ExitCode, string Output)> RunProgramAsync(
        string program, string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (string name in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            info.Environment.Remove(name);
        }

        info.Environment["NUGET_PACKAGES"] = IsolatedCache;
        info.Environment["DOTNET_ROOT"] = DotnetRoot;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(s_limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', info.ArgumentList)} did not finish:\n{output}");
        }

        process.WaitForExit(); // drains the redirected output
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
