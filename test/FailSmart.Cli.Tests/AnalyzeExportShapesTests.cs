using System.Text.Json;
using DuckDB.NET.Data;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>`failsmart analyze` on files shaped the way warehouses export them, and its refusals.</summary>
public sealed class AnalyzeExportShapesTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string ToParquet(string name, string select)
    {
        string path = Path.Combine(_folder.Path, name);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"COPY ({select}) TO '{path}' (FORMAT PARQUET)";
        command.ExecuteNonQuery();
        return path;
    }

    private static JsonElement Arm(JsonElement result, int metric, string key) =>
        result.GetProperty("metrics")[metric].GetProperty("variations").EnumerateArray().Single(v => v.GetProperty("key").GetString() == key);

    private static async Task<JsonElement> AnalyzeJsonAsync(params string[] args)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["analyze", .. args, "--json"], Ct);
        exitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>
    /// 20 units, keys for variations, epoch seconds for exposures and milliseconds for events, and no
    /// experiment or phase column. Each unit buys twice: 1 s before its exposure (not counted) and 1 s
    /// after. Read as the wrong unit, one of the two would move to the other side of the exposure.
    /// </summary>
    [Fact]
    public async Task Analyze_mapped_columns_variation_keys_and_epoch_seconds_and_milliseconds()
    {
        var exposures = new System.Text.StringBuilder("user_id,arm,seen_at\n");
        var events = new System.Text.StringBuilder("user_id,name,amount,at_ms\n");
        long start = 1_793_491_200; // 2026-11-01T00:00:00Z
        for (int i = 0; i < 20; i++)
        {
            long seen = start + (i * 3600);
            exposures.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},{(i % 2 == 0 ? "control" : "treatment")},{seen}\n");
            events.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},purchase,100,{(seen - 1) * 1000}\n");
            events.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},purchase,{i},{(seen + 1) * 1000}\n");
        }

        JsonElement result = await AnalyzeJsonAsync(
            "--exposures", Write("exposures.csv", exposures.ToString()), "--events", Write("events.csv", events.ToString()),
            "--experiment", "checkout", "--metric", "sum:purchase", "--variations", "control,treatment",
            "--columns", "unit=user_id,variation=arm,exposures.timestamp=seen_at,events.timestamp=at_ms,event=name,value=amount");

        result.GetProperty("variations").EnumerateArray().Select(v => (v.GetProperty("key").GetString(), v.GetProperty("units").GetInt64()))
            .ShouldBe([("control", 10L), ("treatment", 10L)]);
        Arm(result, 0, "control").GetProperty("sum").GetDouble().ShouldBe(0 + 2 + 4 + 6 + 8 + 10 + 12 + 14 + 16 + 18);
        Arm(result, 0, "treatment").GetProperty("sum").GetDouble().ShouldBe(1 + 3 + 5 + 7 + 9 + 11 + 13 + 15 + 17 + 19);
    }

    /// <summary>
    /// An exposure at 12:00+02:00 is 10:00Z: a purchase at 10:30Z is after it, one at 11:00+02:00 (09:00Z)
    /// before. A naive time is UTC. Ignoring the offset would count the wrong purchase.
    /// </summary>
    [Fact]
    public async Task Analyze_iso_timestamps_honour_their_offset_and_naive_ones_are_utc()
    {
        string exposures = Write("exposures.csv", """
            unit_id,experiment,phase,variation,timestamp
            a,checkout,1,0,2026-11-01T12:00:00+02:00
            b,checkout,1,0,2026-11-01 10:00:00
            c,checkout,1,1,2026-11-01T10:00:00Z
            d,checkout,1,1,2026-11-01 10:00:00 UTC
            """);
        string events = Write("events.csv", """
            unit_id,event,value,timestamp
            a,purchase,1,2026-11-01T10:30:00Z
            a,purchase,10,2026-11-01T11:00:00+02:00
            b,purchase,2,2026-11-01T10:00:01Z
            b,purchase,20,2026-11-01T09:59:59Z
            c,purchase,4,2026-11-01T12:00:01+02:00
            c,purchase,40,2026-11-01T11:59:59+02:00
            d,purchase,8,2026-11-01T05:30:00-05:00
            """);

        JsonElement result = await AnalyzeJsonAsync("--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "sum:purchase");

        Arm(result, 0, "0").GetProperty("sum").GetDouble().ShouldBe(1 + 2);
        Arm(result, 0, "1").GetProperty("sum").GetDouble().ShouldBe(4 + 8);
    }

    /// <summary>Parquet with typed columns (a zoned timestamp, integer variations), and a units file whose attribute breaks the metric down.</summary>
    [Fact]
    public async Task Analyze_parquet_with_a_units_file_breaks_down_by_its_attribute()
    {
        string exposures = ToParquet("exposures.parquet", """
            SELECT 'u' || i AS unit_id, 'checkout' AS experiment, 1 AS phase, i % 2 AS variation,
                   TIMESTAMPTZ '2026-11-01 00:00:00+00' + to_minutes(i) AS "timestamp"
            FROM range(40) t(i)
            """);
        string events = ToParquet("events.parquet", """
            SELECT 'u' || i AS unit_id, 'purchase' AS event, CAST(NULL AS DOUBLE) AS value,
                   epoch_ms(TIMESTAMPTZ '2026-11-01 01:00:00+00') AS "timestamp"
            FROM range(40) t(i) WHERE i % 4 <> 3
            """);
        string units = ToParquet("units.parquet", "SELECT 'u' || i AS unit_id, CASE WHEN i < 20 THEN 'NZ' ELSE 'US' END AS market FROM range(40) t(i)");

        JsonElement result = await AnalyzeJsonAsync(
            "--exposures", exposures, "--events", events, "--units", units, "--experiment", "checkout", "--metric", "conversion:purchase", "--breakdown", "market");

        Arm(result, 0, "0").GetProperty("sum").GetDouble().ShouldBe(20);   // i % 4 in {0, 2}: every control unit
        Arm(result, 0, "1").GetProperty("sum").GetDouble().ShouldBe(10);   // i % 4 == 1 only
        JsonElement segments = result.GetProperty("metrics")[0].GetProperty("breakdown").GetProperty("segments");
        segments.EnumerateArray().Select(s => (s.GetProperty("value").GetString(), s.GetProperty("controlUnits").GetInt64(), s.GetProperty("treatmentUnits").GetInt64()))
            .ShouldBe([("NZ", 10L, 10L), ("US", 10L, 10L)]);
    }

    /// <summary>
    /// Another experiment, running at the same time, names its variations by key: its keys are numbered,
    /// so the audit still finds that its assignment follows this one's.
    /// </summary>
    [Fact]
    public async Task Analyze_audits_another_experiment_that_uses_its_own_variation_keys()
    {
        var exposures = new System.Text.StringBuilder("unit_id,experiment,variation,timestamp\n");
        for (int i = 0; i < 200; i++)
        {
            exposures.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},checkout,{(i % 2 == 0 ? "control" : "treatment")},{1793491200 + i}\n");
            exposures.Append(System.Globalization.CultureInfo.InvariantCulture, $"u{i},banner,{(i % 2 == 0 ? "old" : "new")},{1793491200 + i + 1}\n");
        }

        JsonElement result = await AnalyzeJsonAsync(
            "--exposures", Write("exposures.csv", exposures.ToString()), "--events", Write("events.csv", "unit_id,event,timestamp\nu1,purchase,1793491300\n"),
            "--experiment", "checkout", "--metric", "conversion:purchase", "--variations", "control,treatment", "--allow-red-checks"); // the dependency is red: exit 3 without it

        JsonElement overlap = result.GetProperty("overlaps").EnumerateArray().ShouldHaveSingleItem();
        overlap.GetProperty("experiment").GetString().ShouldBe("banner");
        overlap.GetProperty("sharedUnits").GetInt64().ShouldBe(200);
        overlap.GetProperty("dependent").GetBoolean().ShouldBeTrue();
        result.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("code").GetString()).ShouldContain("experiment-dependency");
    }

    [Fact]
    public async Task Analyze_refuses_bad_values_naming_file_line_and_column()
    {
        string exposures = Write("exposures.csv", """
            unit_id,experiment,phase,variation,timestamp
            u1,checkout,1,control,2026-11-01T00:00:00Z
            u2,checkout,first,treatment,2026-11-01T00:00:00Z
            u3,checkout,1,blue,2026-11-01T00:00:00Z
            u4,checkout,1,control,yesterday
            """);
        string events = Write("events.csv", """
            unit_id,event,value,timestamp
            u1,purchase,12.5,2026-11-01T01:00:00Z
            u2,purchase,lots,2026-11-01T01:00:00Z
            u3,purchase,,1793491200123456
            """);

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "sum:purchase", "--variations", "control,treatment"], Ct);

        exitCode.ShouldBe(1);
        output.ShouldBeEmpty();
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"{exposures} line 3, column 'phase': 'first' is not a phase number (1 or more).",
            $"{exposures} line 5, column 'timestamp': 'yesterday' is not a timestamp. Write ISO 8601 with an offset (2026-11-01T12:00:00Z), or epoch seconds or milliseconds.",
            $"{exposures} line 4, column 'variation': 'blue' is neither one of the variations (control, treatment) nor an index.",
            $"{events} line 4, column 'timestamp': '1793491200123456' is not a timestamp. Write ISO 8601 with an offset (2026-11-01T12:00:00Z), or epoch seconds or milliseconds.",
            $"{events} line 3, column 'value': 'lots' is not a number. Leave the value empty when an event has none.",
        ]);
    }

    [Fact]
    public async Task Analyze_names_the_line_after_empty_lines_and_a_value_on_two_lines_and_the_parquet_row()
    {
        string exposures = Write("exposures.csv", "unit_id,variation,timestamp,note\n\nu1,0,1793491200,\"two\nlines\"\n\nu2,1,soon,x\n");
        string events = ToParquet("events.parquet", """
            SELECT 'u' || i AS unit_id, 'purchase' AS event, CASE WHEN i = 2 THEN 'never' ELSE '2026-11-01T00:00:00Z' END AS "timestamp"
            FROM range(4) t(i)
            """);

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase"], Ct);

        exitCode.ShouldBe(1);
        const string Hint = "is not a timestamp. Write ISO 8601 with an offset (2026-11-01T12:00:00Z), or epoch seconds or milliseconds.";
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"{exposures} line 6, column 'timestamp': 'soon' {Hint}",
            $"{events} row 3, column 'timestamp': 'never' {Hint}",
        ]);
    }

    [Fact]
    public async Task Analyze_timestamp_format_iso_refuses_epoch_numbers()
    {
        string exposures = Write("exposures.csv", "unit_id,variation,timestamp\nu1,0,2026-11-01T00:00:00Z\nu2,1,1793491200\n");
        string events = Write("events.csv", "unit_id,event,timestamp\nu1,purchase,2026-11-01T00:00:01Z\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--timestamp-format", "iso"], Ct);

        exitCode.ShouldBe(1);
        error.Trim().ShouldBe($"{exposures} line 3, column 'timestamp': '1793491200' is not an ISO 8601 date-time such as 2026-11-01T12:00:00Z (the timestamp format is ISO 8601).");
    }

    [Fact]
    public async Task Analyze_refuses_a_malformed_csv_row_and_a_unit_listed_twice()
    {
        string exposures = Write("exposures.csv", "unit_id,variation,timestamp\nu1,0,1793491200\nu2,1,1793491200,extra\n");
        string events = Write("events.csv", "unit_id,event,timestamp\nu1,\"purchase,1793491200\n");
        string units = Write("units.csv", "unit_id,market\nu1,NZ\nu2,US\nu1,AU\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--units", units, "--experiment", "checkout", "--metric", "conversion:purchase"], Ct);

        exitCode.ShouldBe(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"{exposures} line 3: has more fields than the header's 3. Quote values that contain ','.",
            $"{events} line 2, column 'event': has a quote that is not closed, or text after a closing quote. Write a quote inside a quoted value as two quotes (\"\").",
        ]);

        // With the rows fixed, the units file is checked too.
        File.WriteAllText(exposures, "unit_id,variation,timestamp\nu1,0,1793491200\nu2,1,1793491200\n");
        File.WriteAllText(events, "unit_id,event,timestamp\nu1,purchase,1793491200\n");
        (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--units", units, "--experiment", "checkout", "--metric", "conversion:purchase"], Ct);

        exitCode.ShouldBe(1);
        error.Trim().ShouldBe($"{units} line 4, column 'unit_id': unit 'u1' is listed more than once; list each unit once.");
    }

    [Fact]
    public async Task Analyze_refuses_missing_columns_and_says_how_to_map_them()
    {
        string exposures = Write("exposures.csv", "user_id,variation,ts\nu1,0,1793491200\n");
        string events = Write("events.csv", "user_id,event,ts\nu1,purchase,1793491200\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--columns", "unit=user_id,value=amount"], Ct);

        exitCode.ShouldBe(1);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            $"{exposures}, column 'timestamp': is missing; it should hold the timestamp. The file's columns are: user_id, variation, ts.",
            $"{events}, column 'timestamp': is missing; it should hold the timestamp. The file's columns are: user_id, event, ts.",
            $"{events}, column 'amount': is missing; it should hold the value. The file's columns are: user_id, event, ts.",
            "Name the columns your files use with --columns, e.g. --columns unit=user_id,timestamp=ts.",
        ]);
    }

    [Fact]
    public async Task Analyze_breakdown_by_an_attribute_no_file_has_is_refused()
    {
        string exposures = Write("exposures.csv", "unit_id,variation,timestamp,country\nu1,0,1793491200,NZ\nu2,1,1793491200,US\n");
        string events = Write("events.csv", "unit_id,event,timestamp\nu1,purchase,1793491200\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--breakdown", "market"], Ct);

        exitCode.ShouldBe(1);
        error.Trim().ShouldBe("--breakdown 'market' is not a column of the exposures file; the unit attributes are: country.");
    }

    [Fact]
    public async Task Analyze_with_an_unknown_column_role_is_a_usage_error()
    {
        string exposures = Write("exposures.csv", "unit_id,variation,timestamp\nu1,0,1793491200\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", exposures, "--experiment", "checkout", "--metric", "conversion:purchase", "--columns", "user=user_id,events.variation=arm"], Ct);

        exitCode.ShouldBe(2);
        error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe([
            "--columns 'user=user_id': 'user' is not a column role; use unit, timestamp, experiment, phase, variation, event or value.",
            "--columns 'events.variation=arm': 'variation' is not a column role of the events file; use unit, timestamp, experiment, phase, variation, event or value.",
        ]);
    }

    [Fact]
    public async Task Analyze_with_a_variation_named_twice_is_a_usage_error()
    {
        string exposures = Write("exposures.csv", "unit_id,variation,timestamp\nu1,0,1793491200\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", exposures, "--experiment", "checkout", "--metric", "conversion:purchase", "--variations", "control,treatment,control"], Ct);

        exitCode.ShouldBe(2);
        error.Trim().ShouldBe("--variations 'control,treatment,control' must name each variation once, comma-separated, the control first.");
    }
}
