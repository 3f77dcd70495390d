using System.Text;
using FailSmart.Storage.DuckDb;
using FailSmart.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>What FailSmart reads of an exported CSV file before DuckDB loads it: the header's delimiter and columns, and where a record starts.</summary>
public sealed class DuckDbCsvFileTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text, bool byteOrderMark = false)
    {
        string path = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, text, new UTF8Encoding(byteOrderMark));
        return path;
    }

    [Theory]
    [InlineData("unit_id,event,value\n", ',')]
    [InlineData("unit_id;event;value\n", ';')]
    [InlineData("unit_id\tevent\tvalue\n", '\t')]
    [InlineData("unit_id|event|value\n", '|')]
    [InlineData(" unit_id ; \"event\" ; value \r\nu1;a;1\r\n", ';')]
    [InlineData("unit_id;\"event,name\";value\n", ';')] // a quoted comma does not split the header
    public void Header_takes_the_delimiter_that_gives_the_most_columns(string text, char delimiter)
    {
        (char found, List<string> columns) = CsvFile.Header(Write(text, byteOrderMark: true));

        found.ShouldBe(delimiter);
        columns.Count.ShouldBe(3);
        columns[0].ShouldBe("unit_id");
        columns[2].ShouldBe("value");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    [InlineData("   \nunit_id\n")]
    public void Header_of_an_empty_first_line_has_no_columns(string text)
    {
        CsvFile.Header(Write(text)).Columns.ShouldBeEmpty();
    }

    [Fact]
    public void LineOf_skips_empty_lines_and_counts_the_lines_of_quoted_values()
    {
        string path = Write("unit_id;note\n\nu1;\"two\nlines; quoted\"\n\nu2;x\r\nu3;\"a \"\"b\"\"\"\n", byteOrderMark: true);

        Enumerable.Range(0, 3).Select(record => CsvFile.LineOf(path, ';', record)).ShouldBe([3L, 6L, 7L]);
    }
}
