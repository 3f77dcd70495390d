using System.Globalization;
using System.Text;
using System.Text.Json;
using FailSmart.Statistics;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// `failsmart analyze --factorial` and `failsmart stats analyze --factorial`: a launch's cells read as main effects, an
/// interaction and the bundle, with the numbers the Statistics library gives for the same per-cell sums.
/// </summary>
public sealed class AnalyzeFactorialTests : IDisposable
{
    private static readonly string[] s_features = ["search", "badges"];

    // Conversions per 1,000 units in each cell, by cell key (search first): search helps by about 6 points, badges hurts by about 5.
    private static readonly Dictionary<string, int> s_conversions = new() { ["00"] = 100, ["01"] = 50, ["10"] = 160, ["11"] = 110 };

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The same counts as the library takes them: cell index = bitmask, bit 0 search, bit 1 badges.</summary>
    private static FactorialResult Expected() => FactorialAnalysis.Analyze(
        [.. new[] { "00", "10", "01", "11" }.Select(key => new ProportionStatistics(1000, s_conversions[key]))], s_features);

    private (string Exposures, string Events) WriteExport()
    {
        var exposures = new StringBuilder("unit_id,experiment,phase,variation,timestamp\n");
        var events = new StringBuilder("unit_id,event,value,timestamp\n");
        int unit = 0;
        foreach ((string cell, int converted) in s_conversions)
        {
            for (int i = 0; i < 1000; i++, unit++)
            {
                string time = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(unit).ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture);
                exposures.Append(CultureInfo.InvariantCulture, $"u{unit},spring,1,{cell},{time}\n");
                if (i < converted)
                {
                    events.Append(CultureInfo.InvariantCulture, $"u{unit},purchase,1,{time}\n");
                }
            }
        }

        string exposuresPath = Path.Combine(_folder.Path, "exposures.csv");
        string eventsPath = Path.Combine(_folder.Path, "events.csv");
        File.WriteAllText(exposuresPath, exposures.ToString());
        File.WriteAllText(eventsPath, events.ToString());
        return (exposuresPath, eventsPath);
    }

    private string WriteSufficientStatistics()
    {
        var csv = new StringBuilder("metric,variation,type,count,sum\n");
        foreach ((string cell, int converted) in s_conversions)
        {
            csv.Append(CultureInfo.InvariantCulture, $"conversion,{cell},proportion,1000,{converted}\n");
        }

        string path = Path.Combine(_folder.Path, "cells.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    private static void ShouldMatch(JsonElement factorial, FactorialResult expected)
    {
        JsonElement[] mains = [.. factorial.GetProperty("mainEffects").EnumerateArray()];
        mains.Select(m => m.GetProperty("name").GetString()).ShouldBe(s_features);
        for (int j = 0; j < 2; j++)
        {
            mains[j].GetProperty("effect").GetProperty("estimate").GetDouble().ShouldBe(expected.MainEffects[j].Effect.Estimate, 1e-12);
            mains[j].GetProperty("effect").GetProperty("standardError").GetDouble().ShouldBe(expected.MainEffects[j].Effect.StandardError, 1e-12);
            mains[j].GetProperty("effect").GetProperty("pValue").GetDouble().ShouldBe(expected.MainEffects[j].Effect.PValue, 1e-12);
        }

        JsonElement interaction = factorial.GetProperty("interactions").EnumerateArray().Single();
        interaction.GetProperty("name").GetString().ShouldBe("search × badges");
        interaction.GetProperty("effect").GetProperty("estimate").GetDouble().ShouldBe(expected.Interactions[0].Effect.Estimate, 1e-12);
        factorial.GetProperty("interactionTest").GetProperty("pValue").GetDouble().ShouldBe(expected.InteractionTest.PValue, 1e-12);
        factorial.GetProperty("bundle").GetProperty("estimate").GetDouble().ShouldBe(expected.Bundle.Estimate, 1e-12);
        factorial.GetProperty("bundle").GetProperty("standardError").GetDouble().ShouldBe(expected.Bundle.StandardError, 1e-12);
        factorial.GetProperty("recommendation").GetString().ShouldBe("ship-separately");
        factorial.GetProperty("hurting").EnumerateArray().Select(f => f.GetString()).ShouldBe(["badges"]);
    }

    [Fact]
    public async Task Analyze_factorial_export_json_has_each_metrics_main_effects_interaction_and_bundle()
    {
        (string exposures, string events) = WriteExport();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "spring", "--metric", "conversion:purchase", "--factorial", "search,badges", "--json"], Ct);

        exitCode.ShouldBe(0, error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("variations").EnumerateArray().Select(v => v.GetProperty("key").GetString()).ShouldBe(["00", "01", "10", "11"]);
        result.GetProperty("factorial").GetProperty("features").EnumerateArray().Select(f => f.GetString()).ShouldBe(s_features);
        result.GetProperty("factorial").GetProperty("plan").GetProperty("minimumEffectAssumed").GetBoolean().ShouldBeTrue();
        ShouldMatch(result.GetProperty("metrics")[0].GetProperty("factorial"), Expected());
    }

    [Fact]
    public async Task Analyze_factorial_export_tables_name_each_term_the_test_and_what_to_ship()
    {
        (string exposures, string events) = WriteExport();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "spring", "--metric", "conversion:purchase", "--factorial", "search,badges"], Ct);

        exitCode.ShouldBe(0, error);
        FactorialResult expected = Expected();
        output.ShouldContain("Factorial launch of search, badges");
        output.ShouldContain("units to detect a main effect");
        output.ShouldContain("purchase-conversion: factorial reading (ship-separately)");
        string searchRow = output.Split('\n').Single(l => l.Contains("search (main effect)", StringComparison.Ordinal));
        searchRow.ShouldContain(expected.MainEffects[0].Effect.Estimate.ToString("+0.####", CultureInfo.InvariantCulture));
        searchRow.ShouldContain("helps");
        searchRow.ShouldContain("< 0.0001");
        output.Split('\n').Single(l => l.Contains("badges (main effect)", StringComparison.Ordinal)).ShouldContain("hurts");
        output.ShouldContain("search × badges (interaction)");
        output.ShouldContain("all on vs none (bundle)");
        output.ShouldContain($"Interaction test: χ² = {expected.InteractionTest.ChiSquare.ToString("0.####", CultureInfo.InvariantCulture)} on 1 df");
        output.ShouldContain("Ship search and hold back badges.");
    }

    [Fact]
    public async Task Stats_analyze_factorial_cells_give_the_same_reading_as_analyze()
    {
        string cells = WriteSufficientStatistics();

        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", cells, "--factorial", "search,badges", "--json"], Ct);
        var (tableExit, tables, _) = await CliRunner.RunAsync(["stats", "analyze", cells, "--factorial", "search,badges"], Ct);

        exitCode.ShouldBe(0, error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("metrics")[0].GetProperty("variations")[0].GetProperty("key").GetString().ShouldBe("00");
        ShouldMatch(result.GetProperty("metrics")[0].GetProperty("factorial"), Expected());
        tableExit.ShouldBe(0);
        tables.ShouldContain("conversion: factorial reading (ship-separately)");
        tables.ShouldContain("Ship search and hold back badges.");
    }

    [Theory]
    [InlineData("search", "must name 2 to 5 different features")]
    [InlineData("search,search", "must name 2 to 5 different features")]
    [InlineData("search,badges,ranking", "has the variations 000, 001, 010, 011, 100, 101, 110, 111")]
    public async Task Factorial_option_that_does_not_fit_the_data_is_refused_with_what_to_write(string features, string message)
    {
        string cells = WriteSufficientStatistics();
        (string exposures, string events) = WriteExport();

        var (statsExit, _, statsError) = await CliRunner.RunAsync(["stats", "analyze", cells, "--factorial", features, "--control", "00"], Ct);
        var (analyzeExit, _, analyzeError) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "spring", "--metric", "conversion:purchase", "--factorial", features], Ct);

        statsExit.ShouldNotBe(0);
        statsError.ShouldContain(message);
        analyzeExit.ShouldNotBe(0);
        analyzeError.ShouldContain(message.Contains("different", StringComparison.Ordinal) ? message : "are not cells of the launch (000, 001, 010, 011, 100, 101, 110, 111)");
    }
}
