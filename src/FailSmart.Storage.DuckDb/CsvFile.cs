using nietras.SeparatedValues;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// What FailSmart reads of an exported CSV file itself, with Sep (DuckDB reads the rows): the header with its
/// delimiter, and the line a record starts on. A byte order mark is skipped.
/// </summary>
internal static class CsvFile
{
    private static readonly char[] s_delimiters = [',', '\t', ';', '|'];

    /// <summary>
    /// The delimiter that splits the first record into the most fields (comma on a tie) and the column names it gives,
    /// trimmed; no columns when the first line is blank.
    /// </summary>
    public static (char Delimiter, List<string> Columns) Header(string path)
    {
        (char Delimiter, List<string> Columns) best = (',', []);
        foreach (char delimiter in s_delimiters)
        {
            using SepReader reader = Reader(path, delimiter);
            if (!reader.MoveNext())
            {
                return (',', []);
            }

            SepReader.Row row = reader.Current;
            if (row.ColCount > best.Columns.Count)
            {
                var columns = new List<string>(row.ColCount);
                for (int i = 0; i < row.ColCount; i++)
                {
                    columns.Add(row[i].ToString().Trim());
                }

                best = (delimiter, columns);
            }
        }

        return best is { Columns: [""] } ? (best.Delimiter, []) : best;
    }

    /// <summary>
    /// The 1-based line on which data record <paramref name="record"/> (0-based, after the header) starts. DuckDB skips
    /// empty lines and lets quoted values span lines, so a record's position in the table is not its line; this reads
    /// the file again to find it (only when a problem is reported).
    /// </summary>
    public static long LineOf(string path, char delimiter, long record)
    {
        using SepReader reader = Reader(path, delimiter);
        long seen = -1;
        foreach (SepReader.Row row in reader)
        {
            if (row.RowIndex == 0 || (row.ColCount == 1 && row[0].Span.Length == 0))
            {
                continue; // the header, or an empty line
            }

            if (++seen == record)
            {
                return row.LineNumberFrom;
            }
        }

        return record + 2;
    }

    private static SepReader Reader(string path, char delimiter) => Sep.New(delimiter)
        .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true, Trim = SepTrim.Outer })
        .FromFile(path);
}
