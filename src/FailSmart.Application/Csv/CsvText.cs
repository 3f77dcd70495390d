using System.Text;
using FailSmart.Protocol.Admin;

namespace FailSmart.Application.Csv;

/// <summary>
/// RFC 4180 records: comma-separated fields, fields with commas, quotes or line breaks in double quotes. Each record
/// keeps the line it starts on, so problems can name it.
/// </summary>
internal static class CsvText
{
    public static List<(int Line, List<string> Fields)> ReadRecords(string text, List<FieldProblem> problems)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, start = 1;
        bool quoted = false, wasQuoted = false;
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
                case '"' when field.Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add((start, fields));
                    fields = [];
                    field.Clear();
                    wasQuoted = false;
                    start = ++line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            problems.Add(new FieldProblem($"$.rows[{start}]", $"A quoted field that starts on line {start} is never closed.", "Close the quote, and write a quote inside a quoted field as two quotes (\"\")."));
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((start, fields));
        }

        return records;
    }
}
