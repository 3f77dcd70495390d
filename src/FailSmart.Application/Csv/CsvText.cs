using FailSmart.Protocol.Admin;
using nietras.SeparatedValues;

namespace FailSmart.Application.Csv;

/// <summary>
/// RFC 4180 records, read with Sep: comma-separated fields, fields with commas, quotes or line breaks in double
/// quotes, a leading byte order mark ignored. Each record keeps the line it starts on, so problems can name it.
/// </summary>
internal static class CsvText
{
    private const char Bom = '\uFEFF';

    public static List<(int Line, List<string> Fields)> ReadRecords(string text, List<FieldProblem> problems)
    {
        var records = new List<(int, List<string>)>();
        using SepReader reader = Sep.New(',')
            .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true })
            .FromText(text.StartsWith(Bom) ? text[1..] : text);
        foreach (SepReader.Row row in reader)
        {
            int line = StartLine(row);
            if (row.Span.Count('"') % 2 == 1)
            {
                // Sep reads an unclosed quote to the end of the text, so only the last record can hold one.
                problems.Add(new FieldProblem($"$.rows[{line}]", $"A quoted field that starts on line {line} is never closed.", "Close the quote, and write a quote inside a quoted field as two quotes (\"\")."));
                break;
            }

            var fields = new List<string>(row.ColCount);
            for (int i = 0; i < row.ColCount; i++)
            {
                fields.Add(row[i].ToString());
            }

            records.Add((line, fields));
        }

        return records;
    }

    /// <summary>The 1-based line a row starts on; Sep numbers the first row's line after it, so that one is line 1.</summary>
    public static int StartLine(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;
}
