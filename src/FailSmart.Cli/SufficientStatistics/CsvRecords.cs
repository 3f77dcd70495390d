using System.Text;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>
/// RFC 4180 CSV: fields optionally in double quotes (a quote inside doubled), line breaks inside quotes kept.
/// The delimiter is whichever of comma, tab, semicolon or pipe splits the header into the most fields, as for
/// `failsmart analyze`. Unquoted fields are trimmed and blank lines skipped, as spreadsheets write them.
/// </summary>
internal static class CsvRecords
{
    private static readonly char[] s_delimiters = [',', '\t', ';', '|'];

    /// <summary>The records, or null with the problem when a quote is never closed.</summary>
    public static IReadOnlyList<CsvRecord>? Parse(string text, out string? problem)
    {
        char delimiter = Delimiter(text);
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        int line = 1, recordLine = 1, quoteLine = 0;
        problem = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.ToString().Trim().Length == 0:
                    field.Clear();
                    quoted = wasQuoted = true;
                    quoteLine = line;
                    break;
                case var _ when c == delimiter:
                    fields.Add(Take(field, wasQuoted));
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRecord();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            problem = $"line {quoteLine}: a quoted field is never closed; end it with \" (write a quote inside a field as \"\").";
            return null;
        }

        EndRecord();
        return records;

        void EndRecord()
        {
            fields.Add(Take(field, wasQuoted));
            wasQuoted = false;
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add(new CsvRecord(recordLine, [.. fields]));
            }

            fields.Clear();
        }
    }

    private static char Delimiter(string text)
    {
        int end = text.IndexOf('\n', StringComparison.Ordinal);
        string header = end < 0 ? text : text[..end];
        return s_delimiters.MaxBy(d => header.Count(c => c == d));
    }

    private static string Take(StringBuilder field, bool wasQuoted)
    {
        string value = wasQuoted ? field.ToString() : field.ToString().Trim();
        field.Clear();
        return value;
    }
}
