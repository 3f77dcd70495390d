using System.Text;
using System.Text.Json.Nodes;
using FailSmart.Testing;

namespace FailSmart.Cli.Tests;

/// <summary>
/// CSV files as spreadsheets and warehouses export them (a byte order mark, semicolons or tabs, CRLF, quoted values
/// with delimiters and line breaks) read like plain comma files, and a bad row is still named by the line it starts on.
/// </summary>
public sealed class CsvDialectTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Write(string name, string text, bool byteOrderMark = false)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
        return path;
    }

    private static async Task<JsonNode> StatsJsonAsync(string path)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync(["stats", "analyze", path, "--json"], Ct);
        exitCode.ShouldBe(0, error);
        return JsonNode.Parse(output)!["metrics"]!;
    }

    [Theory]
    [InlineData(';')]
    [InlineData('\t')]
    [InlineData('|')]
    public async Task Stats_analyze_reads_a_quoted_file_with_another_delimiter_and_a_byte_order_mark_as_the_comma_example(char delimiter)
    {
        string example = Path.Combine(RepositoryRoot.Find(), "docs", "examples", "sufficient-stats.csv");
        string[] lines = File.ReadAllLines(example);
        // Every value quoted, spaces around the delimiter, CRLF line ends.
        string dialect = string.Join("\r\n", lines.Select(l => string.Join($" {delimiter} ", l.Split(',').Select(v => $"\"{v}\"")))) + "\r\n";

        JsonNode expected = await StatsJsonAsync(example);
        JsonNode read = await StatsJsonAsync(Write("stats.csv", dialect, byteOrderMark: true));

        read.ToJsonString().ShouldBe(expected.ToJsonString());
    }

    [Fact]
    public async Task Stats_analyze_names_a_bad_row_after_a_quoted_value_on_two_lines_by_its_first_line()
    {
        string path = Write("s.csv", "metric;variation;count;sum\n\"conversion;\nmain\";a;100;10\n\"conversion;\nmain\";b;-5;10\n");

        var (exitCode, _, error) = await CliRunner.RunAsync(["stats", "analyze", path], Ct);

        exitCode.ShouldBe(1);
        error.ShouldContain("'s.csv' line 4, column 'count': -5 is not a count of units; write a whole number, 0 or more.");
    }

    [Theory]
    [InlineData("metric,variation,count,sum\nm,a,100,10\nm,\"b,100,10\n", 3)]
    [InlineData("metric,variation,count,sum\nm,a,100,10\nm,\"b\nc\",100,\"10\n", 4)]
    public async Task Stats_analyze_names_the_line_where_a_quote_that_is_never_closed_opens(string text, int line)
    {
        string path = Write("s.csv", text);

        var (exitCode, _, error) = await CliRunner.RunAsync(["stats", "analyze", path], Ct);

        exitCode.ShouldBe(1);
        error.ShouldContain($"'s.csv' line {line}: a quoted field is never closed; end it with \" (write a quote inside a field as \"\").");
    }

    [Fact]
    public async Task Analyze_reads_semicolon_and_tab_exports_with_a_byte_order_mark_and_names_a_bad_value_by_its_line()
    {
        string exposures = Write("exposures.csv",
            "unit_id;variation;timestamp;note\r\nu1;0;2026-11-01T00:00:00Z;\"a; b\r\nc\"\r\n\r\nu2;1;soon;x\r\n", byteOrderMark: true);
        string events = Write("events.tsv", "unit_id\tevent\ttimestamp\nu1\tpurchase\t2026-11-01T01:00:00Z\n", byteOrderMark: true);

        var (exitCode, _, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase"], Ct);

        exitCode.ShouldBe(1);
        error.Trim().ShouldBe($"{exposures} line 5, column 'timestamp': 'soon' is not a timestamp. Write ISO 8601 with an offset (2026-11-01T12:00:00Z), or epoch seconds or milliseconds.");
    }

    [Fact]
    public async Task Analyze_reads_semicolon_exports_with_quoted_values()
    {
        string exposures = Write("exposures.csv",
            "\"unit_id\";variation;timestamp;note\r\nu1;0;2026-11-01T00:00:00Z;\"a; b\r\nc\"\r\nu2;1;2026-11-01T00:00:00Z;\"x\"\"y\"\r\n", byteOrderMark: true);
        string events = Write("events.tsv", "unit_id\tevent\ttimestamp\nu1\tpurchase\t2026-11-01T01:00:00Z\n", byteOrderMark: true);

        var (exitCode, output, error) = await CliRunner.RunAsync(
            ["analyze", "--exposures", exposures, "--events", events, "--experiment", "checkout", "--metric", "conversion:purchase", "--json"], Ct);

        exitCode.ShouldBe(0, error);
        JsonNode variations = JsonNode.Parse(output)!["metrics"]![0]!["variations"]!;
        variations.AsArray().Select(v => (v!["units"]!.GetValue<long>(), v["sum"]!.GetValue<double>())).ShouldBe([(1L, 1d), (1L, 0d)]);
    }
}
