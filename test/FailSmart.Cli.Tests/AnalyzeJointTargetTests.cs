using System.Globalization;
using System.Text;
using System.Text.Json;
using FailSmart.Statistics;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// `failsmart analyze --target FILE --by country,platform`: the effect is reweighted over the cells of the target's
/// joint mix (country × platform) as well as per attribute, equal to the Statistics library's for the same sums.
/// </summary>
public sealed class AnalyzeJointTargetTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Country(int i) => i % 4 < 2 ? "NZ" : "US";

    private static string Platform(int i) => i % 8 < 4 ? "ios" : "web";

    // NZ on ios converts 1 in 10 in control and 5 in 10 in treatment; every other cell 1 in 10 in both.
    private static bool Converts(int i) => (i / 8) % 10 < (i % 2 == 1 && Country(i) == "NZ" && Platform(i) == "ios" ? 5 : 1);

    private (string Exposures, string Events, string Target) WriteFiles()
    {
        var exposures = new StringBuilder("unit_id,experiment,phase,variation,timestamp,country,platform\n");
        var events = new StringBuilder("unit_id,event,value,timestamp\n");
        for (int i = 0; i < 2000; i++)
        {
            string time = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture);
            exposures.Append(CultureInfo.InvariantCulture, $"u{i},checkout,1,{i % 2},{time},{Country(i)},{Platform(i)}\n");
            if (Converts(i))
            {
                events.Append(CultureInfo.InvariantCulture, $"u{i},purchase,1,{time}\n");
            }
        }

        string[] paths = [Path.Combine(_folder.Path, "exposures.csv"), Path.Combine(_folder.Path, "events.csv"), Path.Combine(_folder.Path, "launch.csv")];
        File.WriteAllText(paths[0], exposures.ToString());
        File.WriteAllText(paths[1], events.ToString());
        File.WriteAllText(paths[2], "country,platform,units\nNZ,ios,50\nNZ,web,50\nUS,ios,400\nUS,web,500\n");
        return (paths[0], paths[1], paths[2]);
    }

    private static StratumArms Cell(string country, string platform, double target)
    {
        MeanStatistics Arm(int variation)
        {
            int[] units = [.. Enumerable.Range(0, 2000).Where(i => Country(i) == country && Platform(i) == platform && i % 2 == variation)];
            int converted = units.Count(Converts);
            return new MeanStatistics(units.Length, converted, converted);
        }

        return new StratumArms($"{country} × {platform}", Arm(0), Arm(1), target);
    }

    [Fact]
    public async Task Analyze_by_two_attributes_reweights_over_the_targets_cells_and_each_attribute()
    {
        (string exposures, string events, string target) = WriteFiles();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase",
             "--variations", "control,treatment", "--target", target, "--by", "country,platform", "--json"], Ct);

        exitCode.ShouldBe(0, error);
        JsonElement[] effects = [.. JsonDocument.Parse(output).RootElement.GetProperty("representativeness").GetProperty("effects").EnumerateArray()];
        effects.Select(e => (e.GetProperty("stratification").GetString(), e.GetProperty("attribute").GetString()))
            .ShouldBe([("joint", "country × platform"), ("attribute", "country"), ("attribute", "platform")]);
        PostStratifiedEffect expected = PostStratification.Estimate(
            [Cell("NZ", "ios", 50), Cell("NZ", "web", 50), Cell("US", "ios", 400), Cell("US", "web", 500)]);
        effects[0].GetProperty("reweighted").GetProperty("estimate").GetDouble().ShouldBe(expected.Reweighted.Estimate, 1e-12);
        effects[0].GetProperty("reweighted").GetProperty("standardError").GetDouble().ShouldBe(expected.Reweighted.StandardError, 1e-12);
        effects[0].GetProperty("plain").GetProperty("estimate").GetDouble().ShouldBe(expected.Plain.Estimate, 1e-12);
        // NZ × ios's 40-point effect is a quarter of the cohort and 5% of the target.
        expected.Reweighted.Estimate.ShouldBe(0.02, 1e-12);
    }

    [Fact]
    public async Task Analyze_by_two_attributes_says_in_the_table_which_strata_each_effect_used()
    {
        (string exposures, string events, string target) = WriteFiles();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--target", target], Ct);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("joint (4 cells)");
        output.ShouldContain("per attribute");
        output.ShouldContain("by country × platform:");
    }
}
