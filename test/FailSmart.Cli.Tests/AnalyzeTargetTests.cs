using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FailSmart.Application.Results;
using FailSmart.Statistics;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// `failsmart analyze --target FILE --by ATTR`: a cohort half NZ, half US against a target that is 10% NZ; the mix and
/// the reweighted effect equal the Statistics library's for the same sums, in JSON and in the tables.
/// </summary>
public sealed class AnalyzeTargetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Country(int i) => i % 4 < 2 ? "NZ" : "US";

    // NZ converts 1 in 10 in control and 5 in 10 in treatment; US 1 in 10 in both.
    private static bool Converts(int i) => (i / 4) % 10 < (i % 2 == 0 ? 1 : Country(i) == "NZ" ? 5 : 1);

    private (string Exposures, string Events, string Target) WriteFiles(string target = "country,units\nNZ,100\nUS,900\n")
    {
        var exposures = new StringBuilder("unit_id,experiment,phase,variation,timestamp,country\n");
        var events = new StringBuilder("unit_id,event,value,timestamp\n");
        for (int i = 0; i < 2000; i++)
        {
            string time = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture);
            exposures.Append(CultureInfo.InvariantCulture, $"u{i},checkout,1,{i % 2},{time},{Country(i)}\n");
            if (Converts(i))
            {
                events.Append(CultureInfo.InvariantCulture, $"u{i},purchase,1,{time}\n");
            }
        }

        string[] paths = [Path.Combine(_folder.Path, "exposures.csv"), Path.Combine(_folder.Path, "events.csv"), Path.Combine(_folder.Path, "launch.csv")];
        File.WriteAllText(paths[0], exposures.ToString());
        File.WriteAllText(paths[1], events.ToString());
        File.WriteAllText(paths[2], target);
        return (paths[0], paths[1], paths[2]);
    }

    private static MeanStatistics Arm(string country, int variation)
    {
        int[] units = [.. Enumerable.Range(0, 2000).Where(i => Country(i) == country && i % 2 == variation)];
        int converted = units.Count(Converts);
        return new MeanStatistics(units.Length, converted, converted);
    }

    [Fact]
    public async Task Analyze_with_a_target_adds_the_mix_and_the_reweighted_effect_to_the_json()
    {
        (string exposures, string events, string target) = WriteFiles();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase",
             "--variations", "control,treatment", "--target", target, "--by", "country", "--json"], Ct);

        exitCode.ShouldBe(0, error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("metrics").GetArrayLength().ShouldBe(1);
        JsonElement representativeness = result.GetProperty("representativeness");
        representativeness.GetProperty("target").GetProperty("population").GetString().ShouldBe("launch");
        AttributeDifference mix = CohortMix.Compare([new AttributeMix("country", [new StratumMix("NZ", 1000, 100), new StratumMix("US", 1000, 900)])]).Single();
        JsonElement attribute = representativeness.GetProperty("attributes")[0];
        attribute.GetProperty("chiSquare").GetDouble().ShouldBe(mix.ChiSquare, 1e-9);
        attribute.GetProperty("pValue").GetDouble().ShouldBe(mix.PValue, 1e-12);
        PostStratifiedEffect expected = PostStratification.Estimate(
            [new StratumArms("NZ", Arm("NZ", 0), Arm("NZ", 1), 100), new StratumArms("US", Arm("US", 0), Arm("US", 1), 900)]);
        JsonElement effect = representativeness.GetProperty("effects").EnumerateArray().Single();
        (effect.GetProperty("metric").GetString(), effect.GetProperty("variation").GetString()).ShouldBe(("purchase-conversion", "treatment"));
        effect.GetProperty("plain").GetProperty("estimate").GetDouble().ShouldBe(expected.Plain.Estimate, 1e-12);
        effect.GetProperty("reweighted").GetProperty("estimate").GetDouble().ShouldBe(expected.Reweighted.Estimate, 1e-12);
        effect.GetProperty("reweighted").GetProperty("standardError").GetDouble().ShouldBe(expected.Reweighted.StandardError, 1e-12);
        effect.GetProperty("mayNotCarryOver").GetBoolean().ShouldBe(expected.MayNotCarryOver);
        // Half the cohort's 40-point NZ effect against a target that is 10% NZ.
        expected.Plain.Estimate.ShouldBe(0.2, 1e-12);
        expected.Reweighted.Estimate.ShouldBe(0.04, 1e-12);
    }

    [Fact]
    public async Task Analyze_with_a_target_prints_the_mix_and_effect_tables_without_json_in_cells()
    {
        (string exposures, string events, string target) = WriteFiles();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--target", target], Ct);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("Cohort of checkout phase 1 against launch:");
        output.ShouldContain("country: χ² =");
        output.ShouldContain("Effect reweighted to the target");
        // Signed, with its interval at the same precision (the decimals follow the interval's width).
        System.Text.RegularExpressions.Regex.IsMatch(output, @"reweighted to the target population it is \+0\.04\d* \([+−]\d+\.\d+ to [+−]\d+\.\d+\)\.")
            .ShouldBeTrue(output);
        output.ShouldNotContain("{");
    }

    [Fact]
    public async Task The_verdict_says_the_cohort_is_not_the_target_in_the_table_and_in_the_json()
    {
        (string exposures, string events, string target) = WriteFiles();
        string[] args = ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--variations", "control,treatment", "--target", target];

        var (exitCode, output, error) = await CliRunner.RunAsync(args, Ct);
        var (_, json, _) = await CliRunner.RunAsync([.. args, "--json"], Ct);

        exitCode.ShouldBe(0, error);
        PostStratifiedEffect expected = PostStratification.Estimate(
            [new StratumArms("NZ", Arm("NZ", 0), Arm("NZ", 1), 100), new StratumArms("US", Arm("US", 0), Arm("US", 1), 900)]);
        // The sentence writes an effect and its interval at one precision, as the results page does (ResultNumbers):
        // the metric is a conversion, so in percentage points.
        (double estimate, double lower, double upper) = (expected.Reweighted.Estimate, expected.Reweighted.ConfidenceInterval.Lower, expected.Reweighted.ConfidenceInterval.Upper);
        (double plain, double plainLower, double plainUpper) = (expected.Plain.Estimate, expected.Plain.ConfidenceInterval.Lower, expected.Plain.ConfidenceInterval.Upper);
        string caveat = "The cohort does not look like launch: 50% NZ against 10% in launch (country mix χ² p < 0.0001). " +
            $"purchase-conversion for treatment reweighted to launch is {ResultNumbers.AbsoluteWithin(estimate, lower, upper, "conversion")} " +
            $"({ResultNumbers.AbsoluteInterval(lower, upper, "conversion")}) against {ResultNumbers.AbsoluteWithin(plain, plainLower, plainUpper, "conversion")} in the cohort.";
        // NZ's 40-point effect against none in the US, and NZ five times its target share: it may not carry over.
        expected.MayNotCarryOver.ShouldBeTrue();
        caveat += " purchase-conversion for treatment may not carry over: its effect is mostly NZ's, which dominates the cohort by country.";

        JsonElement verdict = JsonDocument.Parse(json).RootElement.GetProperty("verdict");
        verdict.GetProperty("reason").GetString().ShouldNotBeNull().ShouldEndWith(" " + caveat);
        Lines(output).ShouldContain($"Verdict: {verdict.GetProperty("decision").GetString()}. {verdict.GetProperty("reason").GetString()}");
    }

    [Fact]
    public async Task A_long_verdict_reason_is_one_whole_line_of_output_redirected_to_a_file()
    {
        (string exposures, string events, string target) = WriteFiles();
        string[] args = ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--variations", "control,treatment", "--target", target];
        var (_, json, _) = await CliRunner.RunAsync([.. args, "--json"], Ct);
        JsonElement verdict = JsonDocument.Parse(json).RootElement.GetProperty("verdict");
        string reason = verdict.GetProperty("reason").GetString()!;
        reason.Length.ShouldBeGreaterThan(300);

        // The real tool, its standard output a redirected stream as in `failsmart analyze … > result.txt`.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] command = ["run", "--no-build", "-c", configuration, "--project", Path.Combine(RepositoryRoot.Find(), "src", "FailSmart.Cli"), "--", .. args];
        foreach (string arg in command)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        Task<string> error = process.StandardError.ReadToEndAsync(Ct);
        string output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);

        process.ExitCode.ShouldBe(0, await error);
        Lines(output).ShouldContain($"Verdict: {verdict.GetProperty("decision").GetString()}. {reason}");
    }

    private static string[] Lines(string output) => [.. output.Split('\n').Select(l => l.TrimEnd('\r'))];

    [Theory]
    [InlineData("country,units\nNZ,100\nUS,-3\n", "country", "$.rows[3].units")]
    [InlineData("country,units\nNZ,100\nUS,900\n", "plan", "--by 'plan' is not a column of launch.csv")]
    public async Task Analyze_refuses_a_bad_target_before_reading_the_exports(string targetCsv, string by, string message)
    {
        (string exposures, string events, string target) = WriteFiles(targetCsv);

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--target", target, "--by", by], Ct);

        exitCode.ShouldBe(2);
        error.ShouldContain(message);
    }

    [Fact]
    public async Task Analyze_refuses_by_without_a_target()
    {
        (string exposures, string events, _) = WriteFiles();

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--by", "country"], Ct);

        exitCode.ShouldBe(2);
        error.ShouldContain("--by names the attributes of a --target population");
    }
}
