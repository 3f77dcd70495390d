using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using FailSmart.Application.Access;
using FailSmart.Application.Accounts;
using FailSmart.Application.ApiKeys;
using FailSmart.Application.Demo;
using FailSmart.Application.Problems;
using FailSmart.Server;
using FailSmart.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart demo`: a fresh server with the demo loaded. It makes a new data folder (or takes an empty one),
/// starts the server in this process as `failsmart serve` does, creates an administrator with a generated
/// password, loads the demo, prints where its story starts and how to sign in, and serves until stopped.
/// </summary>
internal static class DemoCommand
{
    public const string UserName = "demo@example.com";
    public const int DefaultPort = 5080;

    public static Command Create()
    {
        var data = new Option<string?>("--data")
        {
            Description = "An empty or new folder for the demo's data (default: a new temporary folder).",
        };
        var port = new Option<int>("--port")
        {
            Description = $"The port to listen on, on localhost (default {DefaultPort}).",
            DefaultValueFactory = _ => DefaultPort,
        };
        var noBrowser = new Option<bool>("--no-browser")
        {
            Description = "Do not open the story in a browser.",
        };
        var command = new Command("demo", "Start a server with a simulated product loaded: 30 days of experiments and rollouts whose true effects are known.")
        {
            data, port, noBrowser,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(data), parse.GetValue(port), parse.GetValue(noBrowser), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string? data, int port, bool noBrowser, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        if (port is < 1 or > 65535)
        {
            await console.Error.WriteLineAsync($"--port {port} is not a port. Pass a number from 1 to 65535, such as {DefaultPort}.");
            return ExitCodes.InvalidInput;
        }

        string folder = data ?? Path.Combine(Path.GetTempPath(), "failsmart-demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            await console.Error.WriteLineAsync(
                $"The folder {folder} is not empty. The demo writes a whole configuration, so it needs a folder of its own: pass --data with a new or empty folder, or leave --data out for a temporary one.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            DataFolder.Prepare(folder);
        }
        catch (StorageException ex)
        {
            await console.Error.WriteLineAsync(ex.Message);
            return ExitCodes.InvalidInput;
        }

        string url = $"http://localhost:{port}";
        WebApplication app;
        try
        {
            app = FailSmartServer.Create(["--data", folder, "--urls", url]);
        }
        catch (InvalidOperationException ex)
        {
            await console.Error.WriteLineAsync($"FailSmart could not start: {ex.Message}");
            return ExitCodes.InvalidInput;
        }

        await using (app)
        {
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex)
            {
                await console.Error.WriteLineAsync($"FailSmart could not listen on {url}: {ex.Message} Pass another --port.");
                return ExitCodes.InvalidInput;
            }

            string password = Password();
            FirstAdminResult admin = await app.Services.GetRequiredService<IAccountService>()
                .CreateFirstAdminAsync(new NewAccount(UserName, "Demo administrator", password), cancellationToken);
            if (!admin.Created)
            {
                await console.Error.WriteLineAsync("The demo's administrator could not be created: " + string.Join(" ", admin.Problems.Select(p => p.Message)));
                return ExitCodes.InvalidInput;
            }

            var caller = new Caller($"{admin.Account!.DisplayName} <{UserName}>", admin.Account.Id, CallerRole.Admin);
            ServiceResult<CreatedApiKey> key = await app.Services.GetRequiredService<IApiKeyService>()
                .CreateAsync(caller, new NewApiKey("demo", "admin", null, null), cancellationToken);

            await console.Output.WriteLineAsync($"Generating the demo in {folder}: 30 simulated days of a product with known effects…");
            ServiceResult<DemoSummary> loaded = await app.Services.GetRequiredService<IDemoLoader>().LoadAsync(caller, DemoStory.DefaultSeed, cancellationToken);
            if (!loaded.Succeeded)
            {
                await console.Error.WriteLineAsync($"The demo could not be loaded: {loaded.Problem!.Detail}");
                return ExitCodes.InvalidInput;
            }

            DemoSummary summary = loaded.Value!;
            string story = url + DemoStory.StoryPath;
            await console.Output.WriteLineAsync(
                $"""
                Generated in {summary.Took.TotalSeconds:0.0} s: {summary.Units:N0} people, {summary.Exposures:N0} exposures, {summary.MetricEvents:N0} events.

                The story starts here: {story}
                  Sign in as   {UserName}
                  Password     {password}
                  Admin API key (for {url}/scalar): {key.Value?.Secret}
                Data folder: {folder}
                Press Ctrl+C to stop.
                """);

            if (!noBrowser)
            {
                OpenBrowser(story);
            }

            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// A new password each run, rather than a fixed one: the demo is a real server listening on a port, and a
    /// documented password would let anyone who can reach it in.
    /// </summary>
    private static string Password()
    {
        const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        return string.Create(16, 0, (span, _) =>
        {
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    private static void OpenBrowser(string url)
    {
        string? opener = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "xdg-open")).FirstOrDefault(File.Exists);
        if (opener is null)
        {
            return; // no desktop to open it on; the URL is printed
        }

        try
        {
            using Process? _ = Process.Start(new ProcessStartInfo(opener, url) { UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // As above: the printed URL is enough.
        }
    }
}
