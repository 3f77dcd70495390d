using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Cli.Commands;
using FailSmart.Statistics;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// `failsmart stats analyze` on per-variation sufficient statistics gives the numbers the Statistics library
/// gives when called directly on the same sums, through the analyzer, tables and JSON of `failsmart analyze`.
/// </summary>
public sealed class StatsAnalyzeSufficientStatisticsTests : IDisposable
{
    private const long PlannedUnits = 10_000; // the default --planned-units, as for failsmart analyze

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Example(string extension) => Path.Combine(RepositoryRoot.Find(), "docs", "examples", "sufficient-stats." + extension);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<JsonObject> AnalyzeJson(params string[] args)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", .. args, "--json"], Ct);
        exitCode.ShouldBe(0, error);
        error.ShouldBeEmpty();
        return JsonNode.Parse(output)!.AsObject();
    }

    private static JsonObject Treatment(JsonObject result, string metric, int index = 1) =>
        result["metrics"]!.AsArray().Single(m => m!["metric"]!.GetValue<string>() == metric)!["variations"]![index]!.AsObject();

    /// <summary>What the results show for one treatment, computed by the library directly.</summary>
    private static void ShouldMatchLibrary(JsonObject shown, Comparison lifts, long controlUnits, long treatmentUnits, MetricDirection direction, double alpha = 0.05)
    {
        MetricResult result = MetricAnalysis.Analyze(lifts, controlUnits, treatmentUnits, new MetricPlan(PlannedUnits, 0, direction, alpha), TimeProvider.System);
        SequentialEstimate absolute = ConfidenceSequence.Apply(lifts.Absolute, controlUnits + treatmentUnits, PlannedUnits, alpha);

        shown["relativeLift"]!.GetValue<double>().ShouldBe(lifts.Relative.Estimate);
        shown["liftLower"]!.GetValue<double>().ShouldBe(result.AlwaysValidRelative.ConfidenceInterval.Lower);
        shown["liftUpper"]!.GetValue<double>().ShouldBe(result.AlwaysValidRelative.ConfidenceInterval.Upper);
        shown["pValue"]!.GetValue<double>().ShouldBe(lifts.Relative.PValueZ);
        shown["absoluteEffect"]!.GetValue<double>().ShouldBe(lifts.Absolute.Estimate);
        shown["absoluteLower"]!.GetValue<double>().ShouldBe(absolute.ConfidenceInterval.Lower);
        shown["absoluteUpper"]!.GetValue<double>().ShouldBe(absolute.ConfidenceInterval.Upper);
        shown["status"]!.GetValue<string>().ShouldBe(JsonNamingPolicy.KebabCaseLower.ConvertName(result.Decision.Status.ToString()));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Analyze_example_gives_the_library_numbers_for_every_metric_type(string extension)
    {
        JsonObject result = await AnalyzeJson(Example(extension));

        ShouldMatchLibrary(
            Treatment(result, "conversion"),
            ProportionTest.Compare(new ProportionStatistics(10000, 1183), new ProportionStatistics(10080, 1262)).Lifts,
            10000, 10080, MetricDirection.HigherIsBetter);
        ShouldMatchLibrary(
            Treatment(result, "revenue"),
            CupedAdjustment.Compare(
                new CupedStatistics(10000, 125735.38, 2176090.6278, 120196.38, 2146142.0358, 2067314.4638),
                new CupedStatistics(10080, 131978.49, 2362613.3791, 120901.48, 2195873.6904, 2179030.6465)).Lifts,
            10000, 10080, MetricDirection.HigherIsBetter);
        Treatment(result, "revenue")["cupedApplied"]!.GetValue<bool>().ShouldBeTrue();
        ShouldMatchLibrary(
            Treatment(result, "revenue_per_session"),
            DeltaMethodRatio.Compare(
                new RatioStatistics(10000, 71162.05, 889483.7285, 39894, 188226, 335138.96),
                new RatioStatistics(10080, 74635.7, 991044.7476, 40382, 191986, 353294.46)).Lifts,
            10000, 10080, MetricDirection.HigherIsBetter);
        ShouldMatchLibrary(
            Treatment(result, "page_load_ms"),
            WelchTest.Compare(new MeanStatistics(10000, 8217335, 6975907869), new MeanStatistics(10080, 8396683, 7220199405)).Lifts,
            10000, 10080, MetricDirection.LowerIsBetter);

        Treatment(result, "revenue_per_session", 0)["value"]!.GetValue<double>().ShouldBe(71162.05 / 39894);
        result["metrics"]!.AsArray().Select(m => (m!["metric"]!.GetValue<string>(), m["type"]!.GetValue<string>(), m["role"]!.GetValue<string>(), m["direction"]!.GetValue<string>()))
            .ShouldBe([
                ("conversion", "proportion", "primary", "increase"),
                ("revenue", "mean", "secondary", "increase"),
                ("revenue_per_session", "ratio", "secondary", "increase"),
                ("page_load_ms", "mean", "guardrail", "decrease"),
            ]);
    }

    [Fact]
    public async Task Analyze_csv_and_json_examples_give_the_same_result()
    {
        JsonObject csv = await AnalyzeJson(Example("csv"));
        JsonObject json = await AnalyzeJson(Example("json"));

        json["metrics"]!.ToJsonString().ShouldBe(csv["metrics"]!.ToJsonString());
        json["verdict"]!["decision"]!.GetValue<string>().ShouldBe(csv["verdict"]!["decision"]!.GetValue<string>());
    }

    [Fact]
    public async Task Analyze_gives_the_library_verdict()
    {
        string file = Write("one.csv", "metric,variation,count,sum\nsignup,control,5000,500\nsignup,treatment,5000,600\n");

        JsonObject result = await AnalyzeJson(file);

        Comparison lifts = ProportionTest.Compare(new ProportionStatistics(5000, 500), new ProportionStatistics(5000, 600)).Lifts;
        MetricResult analysed = MetricAnalysis.Analyze(lifts, 5000, 5000, new MetricPlan(PlannedUnits, 0), TimeProvider.System);
        Verdict verdict = ExperimentVerdict.Decide(new VerdictInput(
            [new VerdictMetric("signup", "treatment", VerdictRole.Primary, MetricDirection.HigherIsBetter, lifts.Relative.Estimate,
                analysed.AlwaysValidRelative.ConfidenceInterval, analysed.AlwaysValidRelative.PValue, lifts.Relative.StandardError, PlannedUnits)],
            [], 10_000, 0, DateTimeOffset.UtcNow));
        result["verdict"]!["decision"]!.GetValue<string>().ShouldBe(JsonNamingPolicy.KebabCaseLower.ConvertName(verdict.Kind.ToString()));
        result["verdict"]!["reason"]!.GetValue<string>().ShouldBe(verdict.Reason);
        result["verdict"]!["variation"]?.GetValue<string>().ShouldBe(verdict.Variation);
        ShouldMatchLibrary(Treatment(result, "signup"), lifts, 5000, 5000, MetricDirection.HigherIsBetter);
    }

    [Fact]
    public async Task Analyze_with_alpha_uses_it_for_the_intervals()
    {
        JsonObject result = await AnalyzeJson(Example("csv"), "--alpha", "0.1");

        ShouldMatchLibrary(
            Treatment(result, "conversion"),
            ProportionTest.Compare(new ProportionStatistics(10000, 1183), new ProportionStatistics(10080, 1262), 0.1).Lifts,
            10000, 10080, MetricDirection.HigherIsBetter, alpha: 0.1);
    }

    [Fact]
    public async Task Analyze_with_control_compares_against_that_variation()
    {
        JsonObject result = await AnalyzeJson(Example("csv"), "--control", "new-checkout");

        result["variations"]!.AsArray().Select(v => v!["key"]!.GetValue<string>()).ShouldBe(["new-checkout", "control"]);
        ShouldMatchLibrary(
            Treatment(result, "conversion"),
            ProportionTest.Compare(new ProportionStatistics(10080, 1262), new ProportionStatistics(10000, 1183)).Lifts,
            10080, 10000, MetricDirection.HigherIsBetter);
    }

    [Fact]
    public async Task Analyze_infers_the_type_from_the_columns()
    {
        string file = Write("inferred.csv",
            "metric,variation,count,sum,sum_squares,denominator_sum,denominator_sum_squares,denominator_sum_product\n" +
            "clicked,a,1000,120,,,,\nclicked,b,1000,150,,,,\n" +
            "spend,a,1000,5000,40000,,,\nspend,b,1000,5200,42000,,,\n" +
            "per_visit,a,1000,5000,40000,3000,10000,16000\nper_visit,b,1000,5200,42000,3100,10500,17000\n");

        JsonObject result = await AnalyzeJson(file);

        result["metrics"]!.AsArray().Select(m => m!["type"]!.GetValue<string>()).ShouldBe(["proportion", "mean", "ratio"]);
        ShouldMatchLibrary(Treatment(result, "spend"), WelchTest.Compare(new MeanStatistics(1000, 5000, 40000), new MeanStatistics(1000, 5200, 42000)).Lifts,
            1000, 1000, MetricDirection.HigherIsBetter);
    }

    [Fact]
    public async Task Analyze_reads_semicolon_separated_files_with_aliases_and_quotes()
    {
        // A European spreadsheet's export, with GrowthBook's column names.
        string file = Write("export.csv", "\"metric\";\"variation\";\"users\";\"main_sum\";\"main_sum_squares\"\r\nspend;a;1000;5000;40000\r\nspend;b;1000;5200;42000\r\n");

        JsonObject result = await AnalyzeJson(file);

        ShouldMatchLibrary(Treatment(result, "spend"), WelchTest.Compare(new MeanStatistics(1000, 5000, 40000), new MeanStatistics(1000, 5200, 42000)).Lifts,
            1000, 1000, MetricDirection.HigherIsBetter);
    }

    [Fact]
    public async Task Analyze_json_output_has_the_results_endpoint_shape()
    {
        JsonObject result = await AnalyzeJson(Example("csv"));

        result.Select(p => p.Key).ShouldBe([
            "experiment", "environment", "phase", "analyzedAt", "variations", "multipleVariationUnits", "warnings", "overlaps", "metrics",
            "sampleRatio", "verdict", "computedAt", "stale", "archived", "archivedAt", "archivedBy", "factorial",
        ]);
        result["experiment"]!.GetValue<string>().ShouldBe("sufficient-stats.csv");
        result["phase"]!.GetValue<int>().ShouldBe(1);
        result["variations"]!.ToJsonString().ShouldBe("""[{"index":0,"key":"control","plannedWeight":0.5,"units":10000},{"index":1,"key":"new-checkout","plannedWeight":0.5,"units":10080}]""");
        result["warnings"]!.AsArray().Count.ShouldBe(0);
        result["overlaps"]!.AsArray().Count.ShouldBe(0);
        result["sampleRatio"]!["mismatch"]!.GetValue<bool>().ShouldBeFalse();
        SampleRatioMismatchResult srm = SampleRatioMismatch.Check([10000, 10080], [0.5, 0.5]);
        result["sampleRatio"]!["pValue"]!.GetValue<double>().ShouldBe(srm.PValue);
        result["verdict"]!.AsObject().Select(p => p.Key).ShouldBe(["decision", "reason", "variation", "expectedDate", "plannedUnits"]);

        JsonObject metric = result["metrics"]![0]!.AsObject();
        metric.Select(p => p.Key).ShouldBe(["metric", "type", "role", "direction", "capValue", "variations", "breakdown", "problem", "factorial"]);
        metric["capValue"].ShouldBeNull();
        metric["factorial"].ShouldBeNull(); // an ordinary experiment; --factorial reads a launch
        result["factorial"].ShouldBeNull();
        JsonObject control = metric["variations"]![0]!.AsObject();
        control["index"]!.GetValue<int>().ShouldBe(0);
        control["key"]!.GetValue<string>().ShouldBe("control");
        control["units"]!.GetValue<long>().ShouldBe(10000);
        control["sum"]!.GetValue<double>().ShouldBe(1183);
        control["sumOfSquares"]!.GetValue<double>().ShouldBe(1183);
        control["value"]!.GetValue<double>().ShouldBe(0.1183);
        control["relativeLift"].ShouldBeNull();
        JsonObject treatment = metric["variations"]![1]!.AsObject();
        treatment.Select(p => p.Key).ShouldBe([
            "index", "key", "units", "sum", "sumOfSquares", "value", "relativeLift", "liftLower", "liftUpper", "pValue", "cupedApplied", "status", "message",
            "estimatedDecisionDate", "guardrail", "guardrailMessage", "absoluteEffect", "absoluteLower", "absoluteUpper", "adjustedPValue", "correction",
            "chanceToWin", "risk",
        ]);
        treatment["correction"]!.GetValue<string>().ShouldBe("holm");
        treatment["guardrail"].ShouldBeNull();
        Treatment(result, "page_load_ms")["guardrail"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Analyze_table_prints_the_tables_of_failsmart_analyze()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", Example("csv")], Ct);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("sufficient-stats.csv phase 1: control 10,000, new-checkout 10,080 units");
        output.ShouldContain("conversion (proportion, primary)");
        output.ShouldContain("revenue_per_session (ratio, secondary)");
        output.ShouldContain("page_load_ms (mean, guardrail)");
        output.ShouldContain("Verdict: ");
        Comparison lifts = ProportionTest.Compare(new ProportionStatistics(10000, 1183), new ProportionStatistics(10080, 1262)).Lifts;
        output.ShouldContain((lifts.Relative.Estimate * 100).ToString("+0.##;-0.##;0", System.Globalization.CultureInfo.InvariantCulture) + "%");
    }

    [Fact]
    public async Task Analyze_table_prints_names_with_brackets_as_written()
    {
        // Brackets are markup to the table renderer; a metric named revenue[usd] must print, not fail.
        string file = Write("brackets.csv", "metric,variation,count,sum,sum_squares\nrevenue[usd],[a],1000,5000,40000\nrevenue[usd],b,1000,5200,42000\n");

        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", file], Ct);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("revenue[usd] (mean, primary)");
        output.ShouldContain("│ [a] ");
    }

    [Fact]
    public async Task Analyze_reads_standard_input_for_a_dash()
    {
        var root = new RootCommand();
        root.Subcommands.Add(StatsCommand.Create(new StringReader(File.ReadAllText(Example("csv")))));
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await CliApp.RunAsync(root, ["stats", "analyze", "-", "--json"], new InvocationConfiguration { Output = output, Error = error }, Ct);

        exitCode.ShouldBe(0, error.ToString());
        JsonObject result = JsonNode.Parse(output.ToString())!.AsObject();
        result["experiment"]!.GetValue<string>().ShouldBe("stdin");
        Treatment(result, "conversion")["relativeLift"]!.GetValue<double>()
            .ShouldBe(ProportionTest.Compare(new ProportionStatistics(10000, 1183), new ProportionStatistics(10080, 1262)).Lifts.Relative.Estimate);
    }

    [Fact]
    public async Task Analyze_with_a_sample_ratio_mismatch_exits_3_unless_allowed()
    {
        string file = Write("srm.csv", "metric,variation,count,sum\nsignup,control,5000,500\nsignup,treatment,5600,600\n");

        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", file], Ct);
        var (allowedCode, _, _) = await CliRunner.RunAsync(["stats", "analyze", file, "--allow-red-checks"], Ct);

        exitCode.ShouldBe(3);
        output.ShouldContain("RED srm: Sample ratio mismatch");
        error.ShouldContain("A check is red (srm)");
        allowedCode.ShouldBe(0);
    }

    [Fact]
    public async Task Analyze_with_planned_weights_checks_the_ratio_against_them()
    {
        string file = Write("weights.csv", "metric,variation,count,sum\nsignup,control,5000,500\nsignup,treatment,15000,1600\n");

        JsonObject result = await AnalyzeJson(file, "--weights", "1,3");

        result["variations"]!.AsArray().Select(v => v!["plannedWeight"]!.GetValue<double>()).ShouldBe([1.0, 3.0]);
        result["sampleRatio"]!["mismatch"]!.GetValue<bool>().ShouldBeFalse();
    }
}
