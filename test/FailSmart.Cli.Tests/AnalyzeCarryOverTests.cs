using System.Globalization;
using System.Text;
using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// The effects table's "carries over" cell claims no more than the cohort backs: a cohort of NZ and US, whose effect is
/// the same in both, carries over to a target of NZ and US ("yes"); against a target that is 88.1% DE, where the cohort
/// has no units, nothing speaks for most of the target ("unknown: covers 11.9%"). The JSON keeps the raw fields.
/// </summary>
public sealed class AnalyzeCarryOverTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Country(int i) => i % 4 < 2 ? "NZ" : "US";

    // 1 in 10 converts in control and 3 in 10 in treatment, in both countries: no heterogeneity, no dominant stratum.
    private static bool Converts(int i) => (i / 4) % 10 < (i % 2 == 0 ? 1 : 3);

    private string[] Args(string targetCsv)
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
        File.WriteAllText(paths[2], targetCsv);
        return ["analyze", "--exposures", paths[0], "--events", paths[1], "--experiment", "checkout", "--metric", "conversion:purchase",
            "--variations", "control,treatment", "--target", paths[2], "--by", "country"];
    }

    /// <summary>The cells of the effects table's one row, in column order, trimmed.</summary>
    private static string[] EffectRow(string output)
    {
        string[] rows = [.. output.Split('\n').Where(l => l.StartsWith("│ purchase-conversion ", StringComparison.Ordinal))];
        rows.Length.ShouldBe(1, output);
        return [.. rows[0].Trim().Trim('│').Split('│').Select(c => c.Trim())];
    }

    [Fact]
    public async Task A_target_the_cohort_wholly_covers_carries_over_yes()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(Args("country,units\nNZ,500\nUS,500\n"), Ct);

        exitCode.ShouldBe(0, error);
        string[] row = EffectRow(output);
        (row[6], row[9]).ShouldBe(("100%", "yes"));
    }

    [Fact]
    public async Task A_target_mostly_without_cohort_units_is_unknown_with_the_share_covered()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(Args("country,units\nNZ,60\nUS,59\nDE,881\n"), Ct);

        exitCode.ShouldBe(0, error);
        string[] row = EffectRow(output);
        (row[6], row[9]).ShouldBe(("11.9%", "unknown: covers 11.9%"));
        output.ShouldNotContain("│ yes ");
    }

    [Fact]
    public async Task The_json_keeps_the_raw_fields_the_cell_is_worded_from()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync([.. Args("country,units\nNZ,60\nUS,59\nDE,881\n"), "--json"], Ct);

        exitCode.ShouldBe(0, error);
        JsonElement effect = JsonDocument.Parse(output).RootElement.GetProperty("representativeness").GetProperty("effects").EnumerateArray().Single();
        effect.GetProperty("coveredTargetShare").GetDouble().ShouldBe(0.119, 1e-12);
        effect.GetProperty("uncoveredLevels").EnumerateArray().Select(l => l.GetString()).ShouldBe(["DE"]);
        effect.GetProperty("mayNotCarryOver").GetBoolean().ShouldBeFalse();
        effect.TryGetProperty("carriesOver", out _).ShouldBeFalse();
    }
}
