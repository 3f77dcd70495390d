using FailSmart.Application.Investment;
using FailSmart.Protocol.Admin;

namespace FailSmart.Application.Tests.Investment;

/// <summary>Ledger files as spreadsheets save them: a byte order mark, quoted notes, and the wrong delimiter.</summary>
public sealed class LedgerCsvDialectTests
{
    [Fact]
    public void A_byte_order_mark_and_quoted_commas_and_line_breaks_are_read()
    {
        (IReadOnlyList<LedgerCsvRow> rows, IReadOnlyList<FieldProblem> problems) = LedgerCsv.Parse(
            "\uFEFFfeature,week,phase,person_days,note\r\none-click,2026-W14,build,2,\"checkout, then\r\nsettings\"\r\none-click,2026-W15,build,1,\r\n");

        problems.ShouldBeEmpty();
        rows.ShouldBe(
        [
            new LedgerCsvRow(2, "one-click", "2026-W14", "build", "2", null, "checkout, then\r\nsettings"),
            new LedgerCsvRow(4, "one-click", "2026-W15", "build", "1", null, null),
        ]);
    }

    [Fact]
    public void A_semicolon_file_is_refused_at_its_header()
    {
        (_, IReadOnlyList<FieldProblem> problems) = LedgerCsv.Parse("feature;week;phase;person_days\nx;2026-W14;build;1\n");

        problems.Select(p => p.Path).ShouldAllBe(path => path == "$.header");
        problems[0].Message.ShouldBe("The column 'feature;week;phase;person_days' is not one the ledger reads.");
    }

    [Fact]
    public void A_row_with_too_many_fields_after_a_note_on_two_lines_is_named_by_its_line()
    {
        (_, IReadOnlyList<FieldProblem> problems) = LedgerCsv.Parse(
            "feature,week,phase,person_days,note\nx,2026-W14,build,1,\"two\nlines\"\nx,2026-W15,build,1,a,b\n");

        problems.Select(p => (p.Path, p.Message)).ShouldBe([("$.rows[4]", "Line 4 has 6 fields; the header has 5.")]);
    }
}
