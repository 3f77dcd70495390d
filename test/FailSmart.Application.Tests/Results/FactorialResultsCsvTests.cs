using System.Globalization;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Tests.Results;

/// <summary>A factorial launch's rows in the results CSV: each main effect, each interaction and the bundle, with the response's numbers.</summary>
public sealed class FactorialResultsCsvTests
{
    private static readonly DateTimeOffset s_computed = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static readonly FactorialInteractionTest s_test = new(7.25, 1, 0.0070903);

    private static FactorialMetricResponse Reading() => new(
        ["search", "badges"], "ship-separately", "search helps and badges hurts.",
        Baseline: 0.1,
        MainEffects:
        [
            new("search", ["search"], 1, new(0.061, 0.0067, 0.0478680, 0.0741320, 4.1e-20), 0.061, "helps"),
            new("badges", ["badges"], 1, new(-0.049, 0.0067, -0.0621320, -0.0358680, 2.6e-13), -0.049, "hurts"),
        ],
        Interactions: [new("search × badges", ["search", "badges"], 2, new(0.0036, 0.0134, -0.0226637, 0.0298637, 0.788), 0, "unclear")],
        InteractionTest: s_test,
        Bundle: new(0.012, 0.0095, -0.0066196, 0.0306196, 0.2065),
        Cells: [new("00", 2000, 0.1, 0.1), new("01", 2010, 0.05, 0.05), new("10", 1990, 0.16, 0.16), new("11", 2000, 0.112, 0.112)]);

    private static ExperimentResultsResponse Results(FactorialMetricResponse factorial) => new(
        "spring-release", "production", 1, s_computed,
        [new(0, "00", 0.25, 2000), new(1, "01", 0.25, 2010), new(2, "10", 0.25, 1990), new(3, "11", 0.25, 2000)],
        0, [], [],
        [new("checkout", "conversion", "primary", "increase", null, [new(0, "00", 2000, 200, 200, 0.1)], Factorial: factorial)],
        ComputedAt: s_computed);

    private static Dictionary<string, string>[] Rows(string csv)
    {
        string[] lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].Split(',');
        // The test data hold no separators, so a plain split reads every cell.
        return [.. lines[1..].Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Write_adds_a_row_per_main_effect_interaction_and_the_bundle_with_the_responses_numbers_and_the_interaction_test()
    {
        FactorialMetricResponse reading = Reading();

        Dictionary<string, string>[] rows = Rows(ResultsCsv.Write(Results(reading)));

        rows.Select(r => (r["term_kind"], r["term"])).ShouldBe(
        [
            ("variation", ""), ("main-effect", "search"), ("main-effect", "badges"), ("interaction", "search × badges"), ("bundle", "bundle"),
        ]);
        FactorialEffectResponse[] effects = [.. reading.MainEffects!.Concat(reading.Interactions!).Select(t => t.Effect), reading.Bundle!];
        foreach ((Dictionary<string, string> row, FactorialEffectResponse effect) in rows[1..].Zip(effects))
        {
            row["metric"].ShouldBe("checkout");
            row["variation"].ShouldBeEmpty();
            row["units"].ShouldBe("8000");
            Number(row["absolute_effect"]).ShouldBe(effect.Estimate);
            Number(row["absolute_lower"]).ShouldBe(effect.Lower);
            Number(row["absolute_upper"]).ShouldBe(effect.Upper);
            Number(row["p_value"]).ShouldBe(effect.PValue);
            Number(row["standard_error"]).ShouldBe(effect.StandardError);
            Number(row["interaction_chi_square"]).ShouldBe(7.25);
            row["interaction_df"].ShouldBe("1");
            Number(row["interaction_p_value"]).ShouldBe(0.0070903);
            row["relative_lift"].ShouldBeEmpty();
            row["checks"].ShouldBe("ok");
        }

        rows[1..].Select(r => r["term_order"]).ShouldBe(["1", "1", "2", "2"]);
        rows[1..].Select(r => r["reading"]).ShouldBe(["helps", "hurts", "unclear", ""]);
        rows[0]["interaction_chi_square"].ShouldBeEmpty();
    }

    [Fact]
    public void Write_has_no_factorial_rows_for_a_metric_the_launch_could_not_read_yet()
    {
        var early = new FactorialMetricResponse(["search", "badges"], null, null, "Too early: every combination of features needs at least two units.");

        Dictionary<string, string>[] rows = Rows(ResultsCsv.Write(Results(early)));

        rows.Select(r => r["term_kind"]).ShouldBe(["variation"]);
    }

    [Fact]
    public void Every_row_has_a_cell_for_every_column()
    {
        string[] lines = ResultsCsv.Write(Results(Reading())).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        lines.ShouldAllBe(l => l.Split(',').Length == ResultsCsv.Columns.Count);
    }
}
