using FailSmart.Application.Investment;
using FailSmart.Protocol.Admin;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Application.Tests.Investment;

public sealed class LedgerCsvTests
{
    [Fact]
    public void Parse_reads_columns_in_any_order_quoted_notes_and_the_line_each_row_starts_on()
    {
        (IReadOnlyList<LedgerCsvRow> rows, IReadOnlyList<FieldProblem> problems) = LedgerCsv.Parse(
            "week,feature,person_days,phase,note\r\n2026-W14,delivery-dates,4.5,build,\"API, and \"\"page\"\"\"\n\n2026-04-08,delivery-dates,1,,\"two\nlines\"\n2026-W16,one-click,2,ship,");

        problems.ShouldBeEmpty();
        rows.ShouldBe(
        [
            new LedgerCsvRow(2, "delivery-dates", "2026-W14", "build", "4.5", null, "API, and \"page\""),
            new LedgerCsvRow(4, "delivery-dates", "2026-04-08", "", "1", null, "two\nlines"),
            new LedgerCsvRow(6, "one-click", "2026-W16", "ship", "2", null, null),
        ]);
    }

    [Theory]
    [InlineData("", "$.header", "The file is empty.")]
    [InlineData("feature,week,person_days\nx,2026-W14,1", "$.header", "The header has no 'phase' column.")]
    [InlineData("feature,week,phase,person_days,hours\nx,2026-W14,build,1,8", "$.header", "The column 'hours' is not one the ledger reads.")]
    [InlineData("feature,week,phase,person_days\nx,2026-W14,build,1\nx,2026-W15,build", "$.rows[3]", "Line 3 has 3 fields; the header has 4.")]
    [InlineData("feature,week,phase,person_days,note\nx,2026-W14,build,1,\"open", "$.rows[2]", "A quoted field that starts on line 2 is never closed.")]
    public void Parse_names_the_header_or_the_line_that_is_wrong(string csv, string path, string message)
    {
        (_, IReadOnlyList<FieldProblem> problems) = LedgerCsv.Parse(csv);

        problems.Select(p => (p.Path, p.Message)).ShouldBe([(path, message)]);
        problems[0].Hint.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("2026-W14", "2026-03-30")]
    [InlineData("2026-w01", "2025-12-29")]
    [InlineData("2026-W53", "2026-12-28")]
    [InlineData("2025-W53", null)]
    [InlineData("2020-W53", "2020-12-28")]
    [InlineData("2026-04-05", "2026-03-30")]
    [InlineData("2026-04-06", "2026-04-06")]
    [InlineData("1999-12-31", null)]
    [InlineData("2026-W1", null)]
    [InlineData("06/04/2026", null)]
    [InlineData("", null)]
    public void IsoWeeks_TryParse_reads_a_week_or_a_date_as_its_Monday(string text, string? monday)
    {
        bool read = IsoWeeks.TryParse(text, out DateOnly week);

        (read ? week.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null).ShouldBe(monday);
    }

    [Property(MaxTest = 300)]
    public Property IsoWeeks_a_date_and_its_weeks_label_read_as_the_same_Monday(ushort offset)
    {
        var date = new DateOnly(2000, 1, 3).AddDays(offset % 36500);
        bool fromDate = IsoWeeks.TryParse(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), out DateOnly a);
        bool fromLabel = IsoWeeks.TryParse(IsoWeeks.Label(a), out DateOnly b);
        return (fromDate && fromLabel && a == b && a.DayOfWeek == DayOfWeek.Monday && a <= date && date.DayNumber - a.DayNumber < 7).ToProperty();
    }
}
