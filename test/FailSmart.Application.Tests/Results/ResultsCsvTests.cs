using FailSmart.Application.Results;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Tests.Results;

public sealed class ResultsCsvTests
{
    private static readonly DateTimeOffset s_computed = new(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);

    private static ExperimentResultsResponse Results(IReadOnlyList<ResultWarning>? warnings = null, string metric = "purchase-conversion") => new(
        "button-copy", "production", 2, s_computed,
        [new(0, "control", 0.5, 2040), new(1, "bold", 0.5, 1980)],
        0, warnings ?? [], [],
        [
            new(metric, "conversion", "primary", "increase", null,
            [
                new(0, "control", 2040, 204, 204, 0.1),
                new(1, "bold", 1980, 297, 297, 0.15, RelativeLift: 0.5, LiftLower: 0.1234567890123, LiftUpper: 0.95, PValue: 1.5e-7,
                    Status: "significant-improvement", EstimatedDecisionDate: new DateTimeOffset(2026, 12, 14, 0, 0, 0, TimeSpan.FromHours(1)),
                    AbsoluteEffect: 0.05, AbsoluteLower: 0.012, AbsoluteUpper: -0.0875, AdjustedPValue: 3e-7, Correction: "holm"),
            ]),
        ],
        ComputedAt: s_computed);

    [Fact]
    public void Write_has_one_row_per_metric_and_variation_with_the_responses_numbers_round_trippable()
    {
        string[] lines = ResultsCsv.Write(Results()).Split("\r\n");

        lines.Length.ShouldBe(4); // header, control, bold, and the empty string after the last CRLF
        lines[0].ShouldBe("experiment,environment,phase,computed_at,metric,type,role,direction,variation,units,value,relative_lift,lift_lower,lift_upper,absolute_effect,absolute_lower,absolute_upper,p_value,adjusted_p_value,correction,status,estimated_decision_date,checks,term_kind,term,term_order,standard_error,reading,interaction_chi_square,interaction_df,interaction_p_value");
        lines[1].ShouldBe("button-copy,production,2,2026-11-30T08:15:00Z,purchase-conversion,conversion,primary,increase,control,2040,0.1,,,,,,,,,,,,ok,variation,,,,,,,");
        lines[2].ShouldBe("button-copy,production,2,2026-11-30T08:15:00Z,purchase-conversion,conversion,primary,increase,bold,1980,0.15,0.5,0.1234567890123,0.95,0.05,0.012,-0.0875,1.5E-07,3E-07,holm,significant-improvement,2026-12-13T23:00:00Z,ok,variation,,,,,,,");
        lines[3].ShouldBeEmpty();
        double.Parse(lines[2].Split(',')[12], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(0.1234567890123);
    }

    [Fact]
    public void Write_marks_every_row_red_when_a_check_is_red_and_amber_when_one_is_amber()
    {
        string red = ResultsCsv.Write(Results([new(ResultWarning.ExperimentDependency, ResultWarning.Red, "Depends on 'no-ads'.", "no-ads"), new(ResultWarning.MultipleExposures, ResultWarning.Amber, "A few.")]));
        string amber = ResultsCsv.Write(Results([new(ResultWarning.MultipleExposures, ResultWarning.Amber, "A few.")]));

        red.Split("\r\n")[1..3].ShouldAllBe(line => line.EndsWith(",red,variation,,,,,,,", StringComparison.Ordinal));
        amber.Split("\r\n")[1..3].ShouldAllBe(line => line.EndsWith(",amber,variation,,,,,,,", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_quotes_cells_with_separators_and_defuses_text_a_spreadsheet_would_run()
    {
        string[] lines = ResultsCsv.Write(Results(metric: "=HYPERLINK(\"x\",\"y\")")).Split("\r\n");

        lines[1].ShouldStartWith("button-copy,production,2,2026-11-30T08:15:00Z,\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",conversion,");
    }

    [Fact]
    public void Write_an_analysis_without_metrics_is_the_header_alone()
    {
        ExperimentResultsResponse empty = Results() with { Metrics = [] };

        ResultsCsv.Write(empty).ShouldBe(string.Join(',', ResultsCsv.Columns) + "\r\n");
    }
}
