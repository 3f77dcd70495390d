using System.Text.RegularExpressions;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart stats plan --factorial K`: the units and days a factorial launch needs, an interaction about four times a main effect's.</summary>
public sealed class StatsPlanFactorialTests
{
    [Fact]
    public async Task Plan_with_factorial_shows_units_and_days_for_a_main_effect_and_four_times_as_many_for_an_interaction()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync(
            ["stats", "plan", "--baseline", "0.3", "--proportion", "--units-per-day", "2000", "--allocations", "50", "--effect", "0.05", "--value-per-unit", "1", "--factorial", "2"],
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0);
        output.ShouldContain("A factorial launch of 2 features");
        // σ² = 0.21, δ = 0.015: 29,302.48 units for a main effect, 117,209.94 for an interaction, rounded up to whole units
        // per cell (scipy.stats.norm.ppf), at 1,000 units a day.
        string factorial = output[output.IndexOf("A factorial launch of 2 features", StringComparison.Ordinal)..];
        string row = factorial.Split('\n').Single(r => Regex.IsMatch(r, @"^│\s+50%\s+│"));
        string[] cells = [.. row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        cells.ShouldBe(["50%", "1,000", "29,304", "30", "117,212", "118", "4.00×"]);
        output.ShouldContain("about four times the units");
    }

    [Fact]
    public async Task Plan_refuses_a_factorial_launch_of_one_feature()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["stats", "plan", "--baseline", "0.3", "--proportion", "--units-per-day", "2000", "--effect", "0.05", "--value-per-unit", "1", "--factorial", "1"],
            TestContext.Current.CancellationToken);

        exitCode.ShouldBe(2);
        error.ShouldContain("--factorial: a factorial launch has 2 to 5 features, not 1.");
    }
}
