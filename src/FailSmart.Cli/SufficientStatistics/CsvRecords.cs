using nietras.SeparatedValues;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>
/// RFC 4180 CSV, read with Sep: fields optionally in double quotes (a quote inside doubled), line breaks inside quotes
/// kept, a leading byte order mark ignored. The delimiter is whichever of comma, tab, semicolon or pipe splits the
/// header into the most fields, as for `failsmart analyze`. Spaces around fields are trimmed (inside quotes they are
/// kept) and blank lines skipped, as spreadsheets write them.
/// </summary>
internal static class CsvRecords
{
    private static readonly char[] s_delimiters = [',', '\t', ';', '|'];

    /// <summary>The records, or null with the problem when a quote is never closed.</summary>
    public static IReadOnlyList<CsvRecord>? Parse(string text, out string? problem)
    {
        problem = null;
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        var records = new List<CsvRecord>();
        using SepReader reader = Reader(Delimiter(text), text);
        foreach (SepReader.Row row in reader)
        {
            int line = row.RowIndex == 0 ? 1 : row.LineNumberFrom; // Sep numbers the first row's line after it
            if (row.Span.Count('"') % 2 == 1)
            {
                problem = $"line {line + OpenQuoteLine(row.Span)}: a quoted field is never closed; end it with \" (write a quote inside a field as \"\").";
                return null;
            }

            var fields = new string[row.ColCount];
            for (int i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }

            if (fields.Length > 1 || fields[0].Length > 0)
            {
                records.Add(new CsvRecord(line, fields));
            }
        }

        return records;
    }

    private static SepReader Reader(char delimiter, string text) => Sep.New(delimiter)
        .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.Outer })
        .FromText(text);

    /// <summary>The delimiter that splits the first record into the most fields; comma on a tie.</summary>
    private static char Delimiter(string text) => s_delimiters.MaxBy(d =>
    {
        using SepReader reader = Reader(d, text);
        return reader.MoveNext() ? reader.Current.ColCount : 0;
    });

    /// <summary>How many lines into a record its last, unclosed quote opens.</summary>
    private static int OpenQuoteLine(ReadOnlySpan<char> record)
    {
        int open = -1;
        for (int i = 0, quotes = 0; i < record.Length; i++)
        {
            if (record[i] == '"' && quotes++ % 2 == 0)
            {
                open = i;
            }
        }

        return record[..Math.Max(open, 0)].Count('\n');
    }
}
