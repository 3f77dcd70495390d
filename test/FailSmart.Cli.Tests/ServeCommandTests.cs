using System.Net;
using System.Net.Sockets;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_hosts_the_server_in_process_until_cancelled()
    {
        using var data = new TemporaryFolder();
        int port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        Task<(int ExitCode, string Output, string Error)> serving =
            CliRunner.RunAsync(["serve", "--data", data.Path, "--urls", $"http://127.0.0.1:{port}"], stop.Token);

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpStatusCode? status = null;
        for (int attempt = 0; attempt < 300 && status is null && !serving.IsCompleted; attempt++)
        {
            try
            {
                using HttpResponseMessage response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }

        await stop.CancelAsync();
        var (exitCode, _, _) = await serving;

        status.ShouldBe(HttpStatusCode.OK);
        exitCode.ShouldBe(0);
        File.Exists(Path.Combine(data.Path, "config.db")).ShouldBeTrue();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
