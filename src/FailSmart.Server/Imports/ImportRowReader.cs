using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using nietras.SeparatedValues;

namespace FailSmart.Server.Imports;

/// <summary>
/// The rows of an import file as event objects in the shape of `POST /events/v1/batch`, each with its
/// line number. NDJSON lines are read as they are; a CSV row becomes an object named by the header, so
/// both formats go through the same checks as an SDK's batch. CSV is streamed with Sep (RFC 4180 quoting), one
/// row at a time, so an import of any size holds one chunk of rows.
/// </summary>
internal sealed class ImportRowReader : IDisposable
{
    private readonly StreamReader _reader;
    private readonly bool _csv;
    private readonly List<JsonDocument> _documents = [];
    private SepReader? _records;
    private string[]? _header;
    private int _line;

    public ImportRowReader(Stream file, bool csv)
    {
        // Invalid UTF-8 throws (DecoderFallbackException) rather than becoming U+FFFD unseen; the import is refused.
        _reader = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        _csv = csv;
    }

    /// <summary>The CSV columns that are event fields; any other column becomes a property.</summary>
    private static readonly Dictionary<string, string> s_columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "id",
        ["type"] = "type",
        ["unit_id"] = "unitId",
        ["unitId"] = "unitId",
        ["timestamp"] = "timestamp",
        ["experiment"] = "experiment",
        ["phase"] = "phase",
        ["variation"] = "variation",
        ["event"] = "event",
        ["value"] = "value",
    };

    /// <summary>
    /// Up to <paramref name="count"/> rows: the line each starts on, and the event or why the row cannot be
    /// one. The elements live until the next call.
    /// </summary>
    public async Task<List<(int Line, JsonElement Row, string? Problem)>> ReadAsync(int count, CancellationToken cancellationToken)
    {
        foreach (JsonDocument document in _documents)
        {
            document.Dispose();
        }

        _documents.Clear();
        var rows = new List<(int, JsonElement, string?)>(count);
        while (rows.Count < count && await NextAsync(cancellationToken) is { } row)
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<(int, JsonElement, string?)?> NextAsync(CancellationToken cancellationToken)
    {
        if (!_csv)
        {
            while (await _reader.ReadLineAsync(cancellationToken) is { } text)
            {
                _line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                try
                {
                    JsonDocument document = JsonDocument.Parse(text);
                    _documents.Add(document);
                    return (_line, document.RootElement, null);
                }
                catch (JsonException ex)
                {
                    return (_line, default, $"The line is not valid JSON: {ex.Message}");
                }
            }

            return null;
        }

        _records ??= await Sep.New(',')
            .Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true })
            .FromAsync(_reader, cancellationToken);
        while (await _records.MoveNextAsync(cancellationToken))
        {
            SepReader.Row record = _records.Current;
            int line = record.RowIndex == 0 ? 1 : record.LineNumberFrom; // Sep numbers the first row's line after it
            if (record.Span.Count('"') % 2 == 1)
            {
                // Sep reads an unclosed quote to the end of the file, so this is the last record.
                int opened = UnclosedQuoteLine(record.Span, line);
                throw new ImportLineException(opened, $"The quoted field that starts on line {opened} is never closed.");
            }

            if (record.ColCount == 1 && record[0].Span.Length == 0)
            {
                continue; // a blank line
            }

            if (_header is null)
            {
                _header = new string[record.ColCount];
                for (int i = 0; i < _header.Length; i++)
                {
                    _header[i] = record[i].ToString().Trim();
                }

                continue;
            }

            if (record.ColCount > _header.Length)
            {
                return (line, default, $"The row has {record.ColCount} cells, but the header has {_header.Length} columns. Quote cells that hold commas.");
            }

            JsonDocument row = ToJson(_header, record);
            _documents.Add(row);
            return (line, row.RootElement, null);
        }

        return null;
    }

    /// <summary>
    /// The line a row's never-closed quote opens on: the row's first line plus the line breaks before that quote
    /// (a closed quoted cell earlier in the row may span lines). Doubled quotes inside a cell toggle twice.
    /// </summary>
    private static int UnclosedQuoteLine(ReadOnlySpan<char> row, int firstLine)
    {
        int open = 0;
        bool inside = false;
        for (int i = 0; i < row.Length; i++)
        {
            if (row[i] == '"')
            {
                inside = !inside;
                open = inside ? i : open;
            }
        }

        ReadOnlySpan<char> before = row[..open];
        return firstLine + before.Count('\n') + before.Count('\r') - before.Count("\r\n".AsSpan());
    }

    /// <summary>A CSV row as an event object: numbers where the format has numbers, other columns as properties; empty cells left out.</summary>
    private static JsonDocument ToJson(string[] header, SepReader.Row record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            List<int>? properties = null;
            for (int i = 0; i < header.Length && i < record.ColCount; i++)
            {
                ReadOnlySpan<char> value = record[i].Span;
                if (value.Length == 0)
                {
                    continue;
                }

                if (!s_columns.TryGetValue(header[i], out string? field))
                {
                    (properties ??= []).Add(i);
                    continue;
                }

                writer.WritePropertyName(field);
                if (field == "phase" && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int phase))
                {
                    writer.WriteNumberValue(phase);
                }
                else if (field == "value" && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    writer.WriteStringValue(Text(value)); // refused by the checks with the field's name, if it had to be a number
                }
            }

            if (properties is not null)
            {
                writer.WriteStartObject("properties");
                foreach (int i in properties)
                {
                    writer.WriteString(header[i], Text(record[i].Span));
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <summary>A cell's text, each line break inside a quoted cell written as \n whatever the file used.</summary>
    private static ReadOnlySpan<char> Text(ReadOnlySpan<char> value) =>
        value.Contains('\r') ? value.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : value;

    public void Dispose()
    {
        foreach (JsonDocument document in _documents)
        {
            document.Dispose();
        }

        _records?.Dispose();
        _reader.Dispose();
    }
}
