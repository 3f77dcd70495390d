using System.Globalization;
using System.Text;
using FailSmart.Application.Populations;
using FailSmart.Protocol.Admin;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Application.Tests.Populations;

/// <summary>A population table as spreadsheets and warehouses write it: quoted values, a byte order mark, other delimiters.</summary>
public sealed class PopulationCsvTests
{
    [Fact]
    public void Quoted_values_keep_their_commas_quotes_and_line_breaks_and_each_stratum_its_first_line()
    {
        (PopulationInput? input, IReadOnlyList<int> lines, IReadOnlyList<FieldProblem> problems) = PopulationCsv.Parse(
            "country,platform,units\r\n\"Korea, Republic of\",\"ios\nbeta\",120\n\nDE,\"the \"\"web\"\"\",80\n");

        problems.ShouldBeEmpty();
        input!.Attributes.ShouldBe(["country", "platform"]);
        input.Strata!.Select(s => (string.Join("|", s.Values), s.Units)).ShouldBe([("Korea, Republic of|ios\nbeta", 120d), ("DE|the \"web\"", 80d)]);
        lines.ShouldBe([2, 5]);
    }

    [Fact]
    public void A_byte_order_mark_before_the_header_is_not_part_of_the_first_column()
    {
        (PopulationInput? input, _, IReadOnlyList<FieldProblem> problems) = PopulationCsv.Parse("\uFEFFcountry,units\nDE,5\n");

        problems.ShouldBeEmpty();
        input!.Attributes.ShouldBe(["country"]);
    }

    [Fact]
    public void A_semicolon_file_is_refused_at_its_header_because_the_format_is_comma_separated()
    {
        (PopulationInput? input, _, IReadOnlyList<FieldProblem> problems) = PopulationCsv.Parse("country;units\nDE;5\n");

        input.ShouldBeNull();
        problems.Select(p => (p.Path, p.Message)).ShouldBe([("$.header", "The header has no 'units' column.")]);
    }

    [Fact]
    public void A_bad_row_after_a_value_on_two_lines_is_named_by_the_line_it_starts_on()
    {
        (_, _, IReadOnlyList<FieldProblem> problems) = PopulationCsv.Parse("country,units\n\"two\nlines\",5\nDE,many\nFR,1,2\n");

        problems.Select(p => (p.Path, p.Message)).ShouldBe([
            ("$.rows[4].units", "Line 4: units 'many' is not a number."),
            ("$.rows[5]", "Line 5 has 3 fields; the header has 2."),
        ]);
    }

    [Fact]
    public void A_quote_that_is_never_closed_is_named_by_the_line_its_row_starts_on()
    {
        (PopulationInput? input, _, IReadOnlyList<FieldProblem> problems) = PopulationCsv.Parse("country,units\nDE,5\n\"FR,6\nIT,7\n");

        input.ShouldBeNull();
        problems.Select(p => (p.Path, p.Message)).ShouldBe([("$.rows[3]", "A quoted field that starts on line 3 is never closed.")]);
    }

    /// <summary>Any table written with RFC 4180 quoting reads back as the same strata, each with the line it starts on.</summary>
    [Property(MaxTest = 200)]
    public Property A_quoted_table_reads_back_as_written(NonEmptyArray<(NonEmptyString Country, NonEmptyString Platform, byte Units)> rows)
    {
        var strata = rows.Get.Select(r => (Country: Value(r.Country.Get), Platform: Value(r.Platform.Get), Units: (int)r.Units)).ToArray();
        var text = new StringBuilder("country,platform,units\n");
        var expectedLines = new List<int>();
        int line = 2;
        foreach ((string country, string platform, int units) in strata)
        {
            expectedLines.Add(line);
            string record = $"{Quote(country)},{Quote(platform)},{units.ToString(CultureInfo.InvariantCulture)}\n";
            line += record.Count(c => c == '\n');
            text.Append(record);
        }

        (PopulationInput? input, IReadOnlyList<int> lines, IReadOnlyList<FieldProblem> problems) = PopulationCsv.Parse(text.ToString());

        return (problems.Count == 0
            && input!.Strata!.Select(s => (s.Values[0], s.Values[1], (int)s.Units)).SequenceEqual(strata)
            && lines.SequenceEqual(expectedLines)).ToProperty();

        // The reader trims values, and the expected lines count \n only, so the generated values have no \r.
        static string Value(string raw) => raw.Replace("\r", "", StringComparison.Ordinal).Trim() is { Length: > 0 } v ? v : "x";
        static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
