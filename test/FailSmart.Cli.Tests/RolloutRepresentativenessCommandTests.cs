using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FailSmart.Application.Rollouts;
using FailSmart.Server;
using FailSmart.Statistics;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Cli.Tests;

/// <summary>
/// `failsmart rollout representativeness`: a guarded rollout's stage, half NZ and half US, against launch markets that
/// are 10% NZ, with the feature helping in NZ only. The reading equals the Statistics library's for the rollout's own
/// arms (not yet and holdback pooled against in), and the tables open with the sentence the verdict carries.
/// </summary>
public sealed class RolloutRepresentativenessCommandTests : IAsyncLifetime
{
    private const string AdminKey = "fs_admin_clirollrep_0123456789abcdefghijklmnop";
    private const string Rollout = "production/checkout/ramp";

    private readonly TemporaryFolder _data = new();
    private readonly string _url = $"http://127.0.0.1:{FreePort()}";
    private WebApplication _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Country(int i) => i % 4 < 2 ? "NZ" : "US";

    /// <summary>Odd units are in; of the rest every fourth is held back, the others not yet in.</summary>
    private static int Arm(int i) => i % 2 == 1 ? 1 : (i / 2) % 4 == 0 ? 2 : 0;

    // Without the feature 1 in 10 convert; with it 5 in 10 in NZ and 1 in 10 in US.
    private static bool Converts(int i) => (i / 4) % 10 < (i % 2 == 0 ? 1 : Country(i) == "NZ" ? 5 : 1);

    public async ValueTask InitializeAsync()
    {
        _server = FailSmartServer.Create(["--data", _data.Path, "--urls", _url, "--Auth:BootstrapAdminKey", AdminKey]);
        await _server.StartAsync(Ct);
        using var http = new HttpClient { BaseAddress = new Uri(_url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        const string Metric = """{"key":"purchase-conversion","type":"conversion","event":"purchase","window":"P7D"}""";
        (await http.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), new StringContent(Metric, Encoding.UTF8, "application/json"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        const string Flag = """
            {"key":"checkout","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{"stages":[{"percentage":50},{"percentage":100}],"holdback":20,
                 "metrics":[{"key":"purchase-conversion","role":"guardrail"}]}}}]}}}
            """;
        (await http.PostAsync(new Uri("/api/v1/flags", UriKind.Relative), new StringContent(Flag, Encoding.UTF8, "application/json"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await http.PutAsync(new Uri("/api/v1/populations/launch", UriKind.Relative), new StringContent("country,units\nNZ,100\nUS,900\n", Encoding.UTF8, "text/csv"), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await _server.Services.GetRequiredService<IRolloutEngine>().LookAsync(Ct);

        DateTimeOffset start = DateTimeOffset.UtcNow.AddDays(-1);
        Exposure[] exposures = [.. Enumerable.Range(0, 2000).Select(i => new Exposure(
            $"x{i}", "production", $"u{i}", "rollout:checkout:ramp", 1, Arm(i), start.AddSeconds(i), new Dictionary<string, string> { ["country"] = Country(i) }))];
        MetricEvent[] events = [.. Enumerable.Range(0, 2000).Where(Converts).Select(i => new MetricEvent($"e{i}", "production", $"u{i}", "purchase", null, start.AddSeconds(i + 60)))];
        await _server.Services.GetRequiredService<IEventStore>().AppendAsync(new EventBatch(exposures, events), Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
        _data.Dispose();
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync([.. args, "--server", _url, "--key", AdminKey], Ct);

    private static MeanStatistics Sums(string country, params int[] arms)
    {
        int[] units = [.. Enumerable.Range(0, 2000).Where(i => Country(i) == country && arms.Contains(Arm(i)))];
        int converted = units.Count(Converts);
        return new MeanStatistics(units.Length, converted, converted);
    }

    [Fact]
    public async Task Json_gives_the_mix_and_the_guardrail_reweighted_over_the_rollouts_own_arms()
    {
        var (exitCode, output, error) = await RunAsync("rollout", "representativeness", Rollout, "--target", "launch", "--by", "country", "--json");

        exitCode.ShouldBe(0, error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        (result.GetProperty("experiment").GetString(), result.GetProperty("phase").GetInt32()).ShouldBe(("rollout:checkout:ramp", 1));
        AttributeDifference mix = CohortMix.Compare([new AttributeMix("country", [new StratumMix("NZ", 1000, 100), new StratumMix("US", 1000, 900)])]).Single();
        result.GetProperty("attributes")[0].GetProperty("chiSquare").GetDouble().ShouldBe(mix.ChiSquare, 1e-9);
        result.GetProperty("attributes")[0].GetProperty("pValue").GetDouble().ShouldBe(mix.PValue, 1e-12);
        PostStratifiedEffect expected = PostStratification.Estimate(
            [new StratumArms("NZ", Sums("NZ", 0, 2), Sums("NZ", 1), 100), new StratumArms("US", Sums("US", 0, 2), Sums("US", 1), 900)]);
        JsonElement effect = result.GetProperty("effects").EnumerateArray().Single();
        (effect.GetProperty("metric").GetString(), effect.GetProperty("variation").GetString()).ShouldBe(("purchase-conversion", "in"));
        effect.GetProperty("plain").GetProperty("estimate").GetDouble().ShouldBe(expected.Plain.Estimate, 1e-12);
        effect.GetProperty("reweighted").GetProperty("estimate").GetDouble().ShouldBe(expected.Reweighted.Estimate, 1e-12);
        effect.GetProperty("reweighted").GetProperty("standardError").GetDouble().ShouldBe(expected.Reweighted.StandardError, 1e-12);
        // Half the cohort's 40-point NZ effect; reweighted to a target that is 10% NZ, 4 points.
        expected.Plain.Estimate.ShouldBe(0.2, 1e-12);
        expected.Reweighted.Estimate.ShouldBe(0.04, 1e-12);
    }

    [Fact]
    public async Task Tables_open_with_what_the_target_says_about_the_cohort()
    {
        var (exitCode, output, error) = await RunAsync("rollout", "representativeness", Rollout, "--target", "launch");

        exitCode.ShouldBe(0, error);
        output.ShouldStartWith("Not the launch market. The cohort does not look like launch: 50% NZ against 10% in launch (country mix χ² p < 0.0001).");
        output.ShouldContain("purchase-conversion for in reweighted to launch is +0.040 (");
        output.ShouldContain("Cohort of rollout:checkout:ramp phase 1 against launch:");
        output.ShouldNotContain("{");
    }

    [Theory]
    [InlineData("nowhere", "There is no target population 'nowhere'")]
    [InlineData("all-exposures", "All exposures have no attributes of their own to compare")]
    public async Task A_bad_target_exits_1_with_the_servers_problem(string target, string message)
    {
        var (exitCode, _, error) = await RunAsync("rollout", "representativeness", Rollout, "--target", target);

        exitCode.ShouldBe(1);
        error.ShouldContain("400");
        error.ShouldContain(message);
    }

    [Fact]
    public async Task An_unknown_rollout_exits_1_not_found()
    {
        var (exitCode, _, error) = await RunAsync("rollout", "representativeness", "production/checkout/other", "--target", "launch");

        exitCode.ShouldBe(1);
        error.ShouldContain("404");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
