using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// Every refusal of a sufficient-statistics file names the file, the line (CSV) or row (JSON), the column
/// and how to fix it, exits 1 (2 for a bad option), prints nothing on standard output and no stack trace.
/// </summary>
public sealed class StatsAnalyzeValidationTests : IDisposable
{
    private const string Header = "metric,variation,type,count,sum,sum_squares";

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(int ExitCode, string Error)> Analyze(string name, string text, params string[] options)
    {
        string path = Path.Combine(_folder.Path, name);
        await File.WriteAllTextAsync(path, text, TestContext.Current.CancellationToken);
        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", path, .. options], TestContext.Current.CancellationToken);
        output.ShouldBeEmpty();
        error.ShouldNotContain(" at FailSmart");
        return (exitCode, error);
    }

    [Fact]
    public async Task Missing_column_is_named_with_what_it_holds()
    {
        var (exitCode, error) = await Analyze("s.csv", "metric,variation,count\nm,a,10\nm,b,10\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 1: there is no column 'sum'; add it (Σy, the sum of the units' values; also read as main_sum).");
    }

    [Fact]
    public async Task Unknown_column_is_refused_with_the_known_columns()
    {
        var (exitCode, error) = await Analyze("s.csv", "metric,variation,count,sum,sum_sqaures\nm,a,10,5,5\nm,b,10,5,5\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 1: column 'sum_sqaures' is not known; rename or remove it. The columns are metric, variation, type, count, sum, sum_squares,");
    }

    [Fact]
    public async Task Non_numeric_value_names_line_and_column()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,100,1.234,56\nrevenue,b,mean,100,\"1,234\",56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 3, column 'sum': '1,234' is not a number; write digits with a '.' before any decimals and no thousands separators");
    }

    [Fact]
    public async Task Negative_count_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,-100,10,56\nrevenue,b,mean,100,10,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'count': -100 is not a count of units; write a whole number, 0 or more.");
    }

    [Fact]
    public async Task Fractional_count_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,100.5,10,56\nrevenue,b,mean,100,10,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'count': 100.5 is not a count of units");
    }

    [Fact]
    public async Task Sum_of_squares_below_the_squared_sum_over_count_is_a_negative_variance()
    {
        // Σy = 1000 over 100 units needs Σy² ≥ 1000²/100 = 10000; 500 is a variance, not a sum of squares.
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,100,1000,500\nrevenue,b,mean,100,1000,20000\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'sum_squares': 500 is less than sum²/count = 10000, so the variance would be negative; "
            + "sum_squares is the sum of the squared per-unit values (Σv²), not a variance or the square of the sum.");
    }

    [Fact]
    public async Task Sum_of_squares_equal_to_the_floor_is_accepted()
    {
        // Every unit of 'a' has the value 10: Σy² = Σy²/n exactly, a variance of 0, which is not an error.
        string path = Path.Combine(_folder.Path, "s.csv");
        await File.WriteAllTextAsync(path, $"{Header}\nrevenue,a,mean,100,1000,10000\nrevenue,b,mean,100,1000,20000\n", TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", path, "--json"], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("\"metric\": \"revenue\"");
    }

    [Fact]
    public async Task Denominator_sum_of_squares_is_checked_too()
    {
        var (exitCode, error) = await Analyze("s.csv",
            "metric,variation,count,sum,sum_squares,denominator_sum,denominator_sum_squares,denominator_sum_product\n"
            + "rps,a,100,500,5000,300,100,2000\nrps,b,100,500,5000,300,1000,2000\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'denominator_sum_squares': 100 is less than denominator_sum²/count = 900");
    }

    [Fact]
    public async Task Metric_with_one_variation_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,100,10,56\nsignup,a,proportion,100,10,\nsignup,b,proportion,100,12,\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2: metric 'revenue' has one variation ('a'); add a row for the control and for each treatment");
    }

    [Fact]
    public async Task File_with_one_variation_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,100,10,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("metric 'revenue' has one variation ('a')");
    }

    [Fact]
    public async Task Metric_missing_a_variation_the_others_have_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nsignup,a,proportion,100,10,\nsignup,b,proportion,100,12,\nsignup,c,proportion,100,12,\nrevenue,a,mean,100,10,56\nrevenue,b,mean,100,10,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv': metric 'revenue' has no row for variation 'c'; add one");
    }

    [Fact]
    public async Task Unknown_type_is_refused_with_the_types()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,average,100,10,56\nrevenue,b,mean,100,10,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'type': 'average' is not a type; write mean, proportion or ratio, or leave it empty");
    }

    [Fact]
    public async Task Mean_without_sum_of_squares_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,100,10,\nrevenue,b,mean,100,10,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'sum_squares': is empty, and a mean metric needs it; give Σy²");
    }

    [Fact]
    public async Task Ratio_without_denominator_sums_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrps,a,ratio,100,10,56\nrps,b,ratio,100,10,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'denominator_sum': is empty, and a ratio metric needs it");
    }

    [Fact]
    public async Task Proportion_above_its_count_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", "metric,variation,count,sum\nsignup,a,100,120\nsignup,b,100,10\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2, column 'sum': 120 is not between 0 and count (100)");
    }

    [Fact]
    public async Task Duplicate_row_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", "metric,variation,count,sum\nsignup,a,100,12\nsignup,b,100,10\nsignup,a,100,11\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 4: metric 'signup' already has a row for variation 'a'");
    }

    [Fact]
    public async Task Line_with_too_few_fields_is_named()
    {
        var (exitCode, error) = await Analyze("s.csv", "metric,variation,count,sum\nsignup,a,100\nsignup,b,100,10\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2: 3 fields, but the header has 4");
    }

    [Fact]
    public async Task Unclosed_quote_is_named()
    {
        var (exitCode, error) = await Analyze("s.csv", "metric,variation,count,sum\n\"signup,a,100,12\nsignup,b,100,10\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 2: a quoted field is never closed");
    }

    [Fact]
    public async Task Json_row_errors_name_the_row_and_field()
    {
        var (exitCode, error) = await Analyze("s.json", """
            [
              {"metric": "signup", "variation": "a", "count": 100, "sum": 12},
              {"metric": "signup", "variation": "b", "count": "lots", "sum": 10},
              {"metric": "signup", "variation": "c", "count": 100, "sum": 10, "colour": "red"}
            ]
            """);

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.json' row 2, field 'count': 'lots' is not a number");
        error.ShouldContain("'s.json' row 3: field 'colour' is not known");
    }

    [Fact]
    public async Task Json_that_is_not_an_array_of_rows_is_refused()
    {
        var (exitCode, error) = await Analyze("s.json", """{"metric": "signup"}""");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.json' must be a JSON array of rows, one object per metric and variation");
    }

    [Fact]
    public async Task Invalid_json_is_named()
    {
        var (exitCode, error) = await Analyze("s.json", "[{\"metric\": ");

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.json' is not valid JSON");
    }

    [Fact]
    public async Task Unknown_control_is_refused()
    {
        var (exitCode, error) = await Analyze("s.csv", "metric,variation,count,sum\nsignup,a,100,12\nsignup,b,100,10\n", "--control", "baseline");

        exitCode.ShouldBe(1);
        error.ShouldContain("--control 'baseline' is not a variation of 's.csv'; the variations are a, b.");
    }

    [Fact]
    public async Task Bad_alpha_and_weights_are_usage_errors()
    {
        var (alphaCode, alphaError) = await Analyze("s.csv", "metric,variation,count,sum\nsignup,a,100,12\nsignup,b,100,10\n", "--alpha", "5");
        var (weightsCode, weightsError) = await Analyze("w.csv", "metric,variation,count,sum\nsignup,a,100,12\nsignup,b,100,10\n", "--weights", "1,x");

        alphaCode.ShouldBe(2);
        alphaError.ShouldContain("--alpha 5 must be above 0 and below 0.5");
        weightsCode.ShouldBe(2);
        weightsError.ShouldContain("--weights '1,x' needs 2 positive numbers, one per variation in this order: a, b.");
    }

    [Fact]
    public async Task Missing_file_is_a_usage_error()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(["stats", "analyze", Path.Combine(_folder.Path, "nope.csv")], TestContext.Current.CancellationToken);

        exitCode.ShouldBe(2);
        error.ShouldContain("nope.csv' does not exist; give the path of a CSV or JSON file, or - to read standard input.");
    }

    [Fact]
    public async Task Every_problem_is_listed_at_once()
    {
        var (exitCode, error) = await Analyze("s.csv", $"{Header}\nrevenue,a,mean,-1,10,56\nrevenue,b,median,100,x,56\n");

        exitCode.ShouldBe(1);
        error.ShouldContain("line 2, column 'count'");
        error.ShouldContain("line 3, column 'type'");
        error.ShouldContain("line 3, column 'sum'");
    }
}
