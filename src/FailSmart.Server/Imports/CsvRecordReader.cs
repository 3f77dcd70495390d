using System.Text;

namespace FailSmart.Server.Imports;

/// <summary>
/// Reads RFC 4180 CSV: comma-separated fields, double quotes around fields that hold commas, quotes
/// ("" inside) or line breaks. Each record comes with the line it starts on, for error messages.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private int _line;

    /// <summary>The next record and the 1-based line it starts on; null at the end. Blank lines are skipped.</summary>
    public async Task<(int Line, List<string> Fields)?> ReadAsync(CancellationToken cancellationToken)
    {
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            _line++;
            if (text.Length == 0)
            {
                continue;
            }

            int start = _line;
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            int i = 0;
            while (true)
            {
                if (i == text.Length)
                {
                    if (!quoted)
                    {
                        fields.Add(field.ToString());
                        return (start, fields);
                    }

                    // A line break inside quotes belongs to the field.
                    if (await reader.ReadLineAsync(cancellationToken) is not { } next)
                    {
                        throw new FormatException($"The quoted field that starts on line {start} is never closed.");
                    }

                    _line++;
                    field.Append('\n');
                    text = next;
                    i = 0;
                    continue;
                }

                char c = text[i++];
                if (quoted)
                {
                    if (c != '"')
                    {
                        field.Append(c);
                    }
                    else if (i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }
        }

        return null;
    }
}
