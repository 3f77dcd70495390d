using System.Text.Json.Nodes;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

public sealed class StatsCommandTests
{
    [Fact]
    public async Task Analyze_writes_results_with_the_reference_field_names_for_every_case()
    {
        // The shared reference cases, with their expected blocks removed, are the input; the output must match them.
        string oracle = SharedReferenceData.Require("oracle/stats-oracle.json");
        JsonArray cases = JsonNode.Parse(await File.ReadAllTextAsync(oracle, TestContext.Current.CancellationToken))!["cases"]!.AsArray();
        var picked = new JsonArray();
        var expected = new Dictionary<string, JsonObject>();
        foreach (string kind in new[] { "mean_welch", "srm_chisq", "multiple_testing" })
        {
            JsonObject one = cases.First(c => c!["kind"]!.GetValue<string>() == kind)!.AsObject().DeepClone().AsObject();
            expected[one["id"]!.GetValue<string>()] = one["expected"]!.AsObject();
            one.Remove("expected");
            picked.Add(one);
        }

        using var folder = new TemporaryFolder();
        string input = Path.Combine(folder.Path, "cases.json");
        await File.WriteAllTextAsync(input, picked.ToJsonString(), TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await CliRunner.RunAsync(["stats", "analyze", input], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        JsonArray results = JsonNode.Parse(output)!.AsArray();
        results.Count.ShouldBe(3);
        foreach (JsonObject result in results.Select(r => r!.AsObject()))
        {
            JsonObject reference = expected[result["id"]!.GetValue<string>()];
            result.Select(f => f.Key).Where(k => k != "id").ShouldBe(reference.Select(f => f.Key), ignoreOrder: true);
        }
    }

    [Fact]
    public async Task Analyze_reports_a_bad_case_by_id_and_field_and_still_analyses_the_others()
    {
        using var folder = new TemporaryFolder();
        string input = Path.Combine(folder.Path, "cases.json");
        await File.WriteAllTextAsync(input, """
            [
              {"id":"good","kind":"srm_chisq","input":{"users":[5000,5000],"weights":[0.5,0.5]},"params":{"threshold":0.001}},
              {"id":"bad","kind":"mean_welch","control":{"n":"ten","sum":1,"sum_sq":2},"treatment":{"n":10,"sum":1,"sum_sq":2},"params":{"alpha":0.05,"null":0}},
              {"id":"odd","kind":"astrology"}
            ]
            """, TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", input], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        JsonArray results = JsonNode.Parse(output)!.AsArray();
        results[0]!["id"]!.GetValue<string>().ShouldBe("good");
        results[0]!.AsObject().ContainsKey("error").ShouldBeFalse();
        results[1]!["error"]!.GetValue<string>().ShouldContain("n");
        results[2]!["error"]!.GetValue<string>().ShouldContain("astrology");
        error.ShouldContain("case bad");
        error.ShouldContain("case odd");
    }

    [Fact]
    public async Task Analyze_table_format_prints_readable_rows()
    {
        using var folder = new TemporaryFolder();
        string input = Path.Combine(folder.Path, "cases.json");
        await File.WriteAllTextAsync(input, """[{"id":"srm","kind":"srm_chisq","input":{"users":[5000,5300],"weights":[0.5,0.5]},"params":{"threshold":0.001}}]""", TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await CliRunner.RunAsync(["stats", "analyze", input, "--format", "table"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        output.ShouldContain("srm (srm_chisq)");
        output.ShouldContain("flagged");
    }

    [Fact]
    public async Task Analyze_table_format_writes_a_bad_cases_error_whole_on_a_line_of_its_own()
    {
        using var folder = new TemporaryFolder();
        string input = Path.Combine(folder.Path, "cases.json");
        await File.WriteAllTextAsync(input, """
            [{"id":"bad","kind":"mean_welch","control":{"n":"ten","sum":1,"sum_sq":2},"treatment":{"n":10,"sum":1,"sum_sq":2},"params":{"alpha":0.05,"null":0}}]
            """, TestContext.Current.CancellationToken);
        var (_, json, _) = await CliRunner.RunAsync(["stats", "analyze", input], TestContext.Current.CancellationToken);
        string message = JsonNode.Parse(json)!.AsArray()[0]!["error"]!.GetValue<string>();

        var (exitCode, output, _) = await CliRunner.RunAsync(["stats", "analyze", input, "--format", "table"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
        output.Split('\n').Select(l => l.TrimEnd('\r')).ShouldContain($"bad (mean_welch): error: {message}");
        output.ShouldNotContain("│");
    }

    [Fact]
    public async Task Analyze_table_format_puts_nested_values_on_rows_of_their_own()
    {
        // mean_welch's absolute and relative lifts are objects with intervals: each leaf gets its own row, named by its path.
        using var folder = new TemporaryFolder();
        string input = Path.Combine(folder.Path, "cases.json");
        await File.WriteAllTextAsync(input, """
            [{"id":"welch","kind":"mean_welch","params":{"alpha":0.05,"null":0},"control":{"n":1000,"sum":5000,"sum_sq":40000},"treatment":{"n":1000,"sum":5300,"sum_sq":43000}},
             {"id":"bounds","kind":"group_sequential_bounds","input":{"spending":"asOF","alpha_one_sided":0.025,"info_fraction":[0.2,0.4,0.6,0.8,1.0]}}]
            """, TestContext.Current.CancellationToken);

        var (exitCode, output, _) = await CliRunner.RunAsync(["stats", "analyze", input, "--format", "table"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        string[] rows = [.. output.Split('\n').Where(l => l.StartsWith('│'))];
        rows.ShouldNotBeEmpty();
        foreach (string row in rows)
        {
            // A cell wrapped over two lines leaves the first column of its second line blank.
            row.Split('│')[1].Trim().ShouldNotBeEmpty($"a cell wrapped onto a line of its own: {row}");
            row.ShouldNotContain("{");
        }

        rows.ShouldContain(r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^│ absolute\.ci_t\s+│ -?\d"));
        rows.ShouldContain(r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^│ relative\.p_z\s+│ \d"));
        rows.ShouldContain(r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^│ z_upper\[4\]\s+│ \d"));
    }

    [Fact]
    public async Task Analyze_reads_reference_cases_by_option_whatever_the_file_is_called()
    {
        using var folder = new TemporaryFolder();
        string input = Path.Combine(folder.Path, "cases.txt");
        await File.WriteAllTextAsync(input, """{"cases": [{"id":"srm","kind":"srm_chisq","input":{"users":[5000,5000],"weights":[0.5,0.5]},"params":{"threshold":0.001}}]}""", TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", input, "--input-format", "reference"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0, error);
        JsonObject result = JsonNode.Parse(output)!.AsArray().Single()!.AsObject();
        result["id"]!.GetValue<string>().ShouldBe("srm");
        result["chi2"]!.GetValue<double>().ShouldBe(0);
        result["flagged"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Plan_prints_days_and_cost_for_each_allocation()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(
            ["stats", "plan", "--baseline", "0.3", "--proportion", "--units-per-day", "100000", "--allocations", "1,5", "--effect", "-0.01", "--value-per-unit", "40"],
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        output.ShouldContain("Days to decision");
        output.ShouldContain("Cost if harmful");
        string[] rows = output.Split('\n');
        rows.ShouldContain(r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^│\s+1%\s+│"));
        rows.ShouldContain(r => System.Text.RegularExpressions.Regex.IsMatch(r, @"^│\s+5%\s+│"));
    }

    [Fact]
    public async Task Plan_with_bad_numbers_lists_every_problem()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["stats", "plan", "--baseline", "3", "--proportion", "--units-per-day", "0", "--allocations", "1,abc", "--effect", "0", "--value-per-unit", "1"],
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(2);
        error.ShouldContain("--baseline must be between 0 and 1");
        error.ShouldContain("--units-per-day");
        error.ShouldContain("'abc'");
        error.ShouldContain("--effect must not be 0");
    }
}
