using System.Text;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// Where a CSV record starts in its file. DuckDB skips empty lines and lets quoted values span lines,
/// so a record's position in the table is not its line; this reads the file again to find it (only
/// when a problem is reported).
/// </summary>
internal static class CsvLines
{
    /// <summary>The 1-based line on which data record <paramref name="record"/> (0-based, after the header line) starts.</summary>
    public static long LineOf(string path, long record)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        reader.ReadLine();
        long line = 1, seen = -1;
        bool quoted = false;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (!quoted)
            {
                if (text.Length == 0)
                {
                    continue;
                }

                if (++seen == record)
                {
                    return line;
                }
            }

            // A doubled quote inside a quoted value toggles twice, so counting quotes is enough.
            quoted ^= text.Count(c => c == '"') % 2 == 1;
        }

        return record + 2;
    }
}
