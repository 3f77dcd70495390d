using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed class AnalyzeCommandTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>1,000 units per arm; the control converts 1 in 10, the treatment 3 in 10; one unit saw both arms.</summary>
    private (string Exposures, string Events) WriteCsv()
    {
        var exposures = new StringBuilder("unit_id,experiment,phase,variation,timestamp,country\n");
        var events = new StringBuilder("unit_id,event,value,timestamp\n");
        for (int i = 0; i < 2000; i++)
        {
            int variation = i % 2;
            string time = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ssZ", CultureInfo.InvariantCulture);
            exposures.Append(CultureInfo.InvariantCulture, $"u{i},checkout,1,{variation},{time},{(i % 4 < 2 ? "NZ" : "US")}\n");
            if ((i / 2) % 10 < (variation == 0 ? 1 : 3))
            {
                events.Append(CultureInfo.InvariantCulture, $"u{i},purchase,{10 + (i % 7)},{time}\n");
            }
        }

        exposures.Append("u0,checkout,1,1,2026-11-02 00:00:00Z,NZ\n");
        string exposuresPath = Path.Combine(_folder.Path, "exposures.csv");
        string eventsPath = Path.Combine(_folder.Path, "events.csv");
        File.WriteAllText(exposuresPath, exposures.ToString());
        File.WriteAllText(eventsPath, events.ToString());
        return (exposuresPath, eventsPath);
    }

    private static string ToParquet(string csv)
    {
        string parquet = Path.ChangeExtension(csv, ".parquet");
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT * FROM read_csv_auto('{csv}')) TO '{parquet}' (FORMAT PARQUET)";
        command.ExecuteNonQuery();
        return parquet;
    }

    private static JsonElement Variation(JsonElement result, int metric, string key) =>
        result.GetProperty("metrics")[metric].GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("key").GetString() == key);

    [Fact]
    public async Task Analyze_csv_files_json_reports_statistics_decision_and_excluded_unit()
    {
        (string exposures, string events) = WriteCsv();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase",
             "--variations", "control,treatment", "--breakdown", "country", "--json"], Ct);

        exitCode.ShouldBe(0, error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        result.GetProperty("multipleVariationUnits").GetInt64().ShouldBe(1);
        JsonElement control = Variation(result, 0, "control");
        control.GetProperty("units").GetInt64().ShouldBe(999);
        control.GetProperty("sum").GetDouble().ShouldBe(99);
        JsonElement treatment = Variation(result, 0, "treatment");
        treatment.GetProperty("units").GetInt64().ShouldBe(1000);
        treatment.GetProperty("sum").GetDouble().ShouldBe(300);
        treatment.GetProperty("status").GetString().ShouldBe("significant-improvement");
        treatment.GetProperty("relativeLift").GetDouble().ShouldBe((300 / 1000.0 / (99 / 999.0)) - 1, 1e-9);
        result.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ShouldBe(["multiple-exposures"]);
        result.GetProperty("metrics")[0].GetProperty("breakdown").GetProperty("segments").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Analyze_parquet_files_with_metrics_file_prints_tables()
    {
        (string exposuresCsv, string eventsCsv) = WriteCsv();
        string metrics = Path.Combine(_folder.Path, "metrics.json");
        await File.WriteAllTextAsync(metrics, """
            [{"key":"purchase-conversion","type":"conversion","event":"purchase","plannedUnits":2000},
             {"key":"order-value","type":"sum","event":"purchase","role":"guardrail","nonInferiorityMargin":0.05}]
            """, Ct);

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", ToParquet(exposuresCsv), "--events", ToParquet(eventsCsv), "--experiment", "checkout", "--metrics", metrics], Ct);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("purchase-conversion (conversion, primary)");
        output.ShouldContain("order-value (sum, guardrail)");
        output.ShouldContain("significant-improvement");
        output.ShouldContain("no-harm-detected");
        output.ShouldContain("AMBER multiple-exposures");
    }

    [Fact]
    public async Task Analyze_invalid_metric_file_is_a_usage_error_naming_the_field()
    {
        (string exposures, string events) = WriteCsv();
        string metrics = Path.Combine(_folder.Path, "bad.json");
        await File.WriteAllTextAsync(metrics, """{"key":"r","type":"ratio","event":"purchase"}""", Ct);

        var (exitCode, _, error) = await CliRunner.RunAsync(["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metrics", metrics], Ct);

        exitCode.ShouldBe(2);
        error.ShouldContain("$.denominatorEvent");
    }

    [Fact]
    public async Task Analyze_unknown_experiment_is_an_input_error()
    {
        (string exposures, string events) = WriteCsv();

        var (exitCode, _, error) = await CliRunner.RunAsync(["analyze", "--exposures", exposures, "--events", events, "--experiment", "nope", "--metric", "conversion:purchase"], Ct);

        exitCode.ShouldBe(1);
        error.ShouldContain("fewer than two variations for experiment 'nope'");
    }

    [Fact]
    public async Task Analyze_red_check_exits_3_with_every_status_do_not_trust_unless_allowed()
    {
        // 300 more treatment units than the planned 50/50 split allows: a sample ratio mismatch.
        (string exposures, string events) = WriteCsv();
        File.AppendAllLines(exposures, Enumerable.Range(0, 300).Select(i => $"extra{i},checkout,1,1,2026-11-03 00:00:00Z,NZ"));
        string[] command = ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--variations", "control,treatment"];

        var (exitCode, output, error) = await CliRunner.RunAsync(command, Ct);
        var (allowedExit, _, _) = await CliRunner.RunAsync([.. command, "--allow-red-checks"], Ct);

        exitCode.ShouldBe(3);
        error.ShouldContain("A check is red (srm)");
        error.ShouldContain("--allow-red-checks");
        output.ShouldContain("RED srm");
        output.ShouldContain("do-not-trust");
        output.ShouldNotContain("significant-improvement");
        output.ShouldContain("Verdict: invalid. Invalid: sample ratio mismatch");
        allowedExit.ShouldBe(0);
    }

    [Fact]
    public async Task Analyze_tables_show_the_verdict_sample_ratio_absolute_effect_and_with_bayesian_the_chance_to_win()
    {
        (string exposures, string events) = WriteCsv();

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--variations", "control,treatment", "--bayesian"], Ct);
        var (_, json, _) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--variations", "control,treatment", "--json"], Ct);

        exitCode.ShouldBe(0, error);
        JsonElement result = JsonDocument.Parse(json).RootElement;
        JsonElement treatment = Variation(result, 0, "treatment");
        // 300/1000 against 99/999: an absolute effect of 0.2009 (20 percentage points).
        treatment.GetProperty("absoluteEffect").GetDouble().ShouldBe((300 / 1000.0) - (99 / 999.0), 1e-12);
        result.GetProperty("verdict").GetProperty("decision").GetString().ShouldBe("ship");
        output.ShouldContain($"Sample ratio: χ² = {result.GetProperty("sampleRatio").GetProperty("chiSquare").GetDouble().ToString("0.####", CultureInfo.InvariantCulture)}");
        output.ShouldContain("Verdict: ship. Ship treatment: purchase-conversion improved");
        output.ShouldContain("+0.2009");
        output.ShouldContain("chance to win");
        output.ShouldContain("100%");
        output.ShouldContain("(holm)");
    }
}
