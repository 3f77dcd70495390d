using System.Diagnostics;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// `dotnet run --project src/FailSmart.Server` keeps its default data folder, ./failsmart-data, in the
/// folder the command was run from (as the README says), not in the project folder.
/// </summary>
public sealed class ServerDataFolderTests
{
    [Fact]
    public async Task Dotnet_run_puts_the_default_data_folder_in_the_working_directory_of_the_command()
    {
        using var shell = new TemporaryFolder();
        string project = Path.Combine(RepositoryRoot.Find(), "src", "FailSmart.Server");
        // The test binaries sit in bin/<configuration>/<framework>; the server was built in the same configuration.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { "run", "--no-build", "-c", configuration, "--project", project, "--", "--urls", "http://127.0.0.1:0" },
            WorkingDirectory = shell.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment.Remove("FAILSMART_DATA");
        info.Environment.Remove("FAILSMART_Storage__DataPath");
        info.Environment.Remove("Storage__DataPath");

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        string? dataFolder = null;
        try
        {
            // The server logs "Using data folder" and the path on the next line, before it listens.
            bool next = false;
            while (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
            {
                if (next)
                {
                    dataFolder = line.Trim();
                    break;
                }

                next = line.Contains("StoreInitializer[1000]", StringComparison.Ordinal);
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        dataFolder.ShouldBe("Using data folder " + Path.Combine(shell.Path, "failsmart-data"));
        Directory.Exists(Path.Combine(shell.Path, "failsmart-data")).ShouldBeTrue();
    }
}
