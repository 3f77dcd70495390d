using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed partial class DemoCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Demo_serves_health_and_the_demos_experiments_until_stopped()
    {
        using var data = new TemporaryFolder();
        string folder = Path.Combine(data.Path, "demo");
        int port = FreePort();
        var output = new StringWriter();
        var error = new StringWriter();
        TextWriter shared = TextWriter.Synchronized(output);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        Task<int> running = CliApp.RunAsync(["demo", "--no-browser", "--data", folder, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            new InvocationConfiguration { Output = shared, Error = TextWriter.Synchronized(error) }, stop.Token);

        // The key is printed once the demo is loaded; wait for it (generation takes a while on a busy machine).
        Match key = Match.Empty;
        for (int attempt = 0; attempt < 3000 && !key.Success && !running.IsCompleted; attempt++)
        {
            key = ApiKeyLine().Match(Printed(shared, output));
            if (!key.Success)
            {
                await Task.Delay(100, Ct);
            }
        }

        string printed = Printed(shared, output);

        key.Success.ShouldBeTrue($"output: {printed}\nerror: {error}");
        printed.ShouldContain($"The story starts here: http://localhost:{port}/?demo=story");
        printed.ShouldContain("Sign in as   demo@example.com");
        using var client = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Groups[1].Value);
        using HttpResponseMessage health = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        using HttpResponseMessage experiment = await client.GetAsync(new Uri("/api/v1/experiments/new-home", UriKind.Relative), Ct);
        using HttpResponseMessage results = await client.GetAsync(new Uri("/api/v1/experiments/new-home/results", UriKind.Relative), Ct);
        string resultsBody = await results.Content.ReadAsStringAsync(Ct);

        await stop.CancelAsync();
        int exitCode = await running;

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        experiment.StatusCode.ShouldBe(HttpStatusCode.OK);
        results.StatusCode.ShouldBe(HttpStatusCode.OK, resultsBody);
        JsonElement warning = JsonDocument.Parse(resultsBody).RootElement.GetProperty("warnings").EnumerateArray()
            .Single(w => w.GetProperty("code").GetString() == "experiment-dependency");
        warning.GetProperty("otherExperiment").GetString().ShouldBe("no-ads");
        exitCode.ShouldBe(0);
        File.Exists(Path.Combine(folder, "config.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Demo_refuses_a_folder_that_is_not_empty_and_leaves_it_alone()
    {
        using var data = new TemporaryFolder();
        string existing = Path.Combine(data.Path, "notes.txt");
        await File.WriteAllTextAsync(existing, "mine", Ct);

        var (exitCode, _, error) = await CliRunner.RunAsync(["demo", "--no-browser", "--data", data.Path, "--port", "1"], Ct);

        exitCode.ShouldBe(1);
        error.ShouldContain($"The folder {data.Path} is not empty.");
        error.ShouldContain("pass --data with a new or empty folder, or leave --data out");
        Directory.GetFileSystemEntries(data.Path).ShouldBe([existing]);
    }

    // The synchronised writer locks on itself while writing.
    private static string Printed(TextWriter shared, StringWriter output)
    {
        lock (shared)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"Admin API key \(for [^)]*\): (fs_admin_\S+)")]
    private static partial Regex ApiKeyLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
