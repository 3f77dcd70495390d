using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using FailSmart.Core.Validation;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Protocol.Json;

/// <summary>
/// Reads a JSON text once, before anything binds it, and finds what System.Text.Json would let through
/// but FailSmart refuses: a property name given twice in one object (the last one would silently win),
/// a string that is not Unicode text (a lone UTF-16 surrogate escape such as "\ud800", or bytes that
/// are not UTF-8; reading either later throws), and a number that is not a finite double (1e400 reads
/// as infinity and is written back as null). Syntax errors and nesting deeper than the reader allows
/// are reported the same way, each with the JSON path where it was found.
/// </summary>
public static class JsonInputCheck
{
    /// <summary>The first problem in the text, or null when it is fit to bind.</summary>
    public static ValidationProblem? Find(ReadOnlySpan<byte> utf8Json, JsonReaderOptions options = default)
    {
        var reader = new Utf8JsonReader(utf8Json, options);
        var open = new List<Container>();
        string at = "$";
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        at = NextValue(open);
                        open.Add(new Container(at, reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        at = open[^1].Path;
                        open.RemoveAt(open.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        Container parent = open[^1];
                        at = parent.Path;
                        if (!TryRead(ref reader, out string? name))
                        {
                            return NotText(ref reader, parent.Path, "A property name in this object");
                        }

                        at = Property(parent.Path, name);
                        if (!parent.Names.Add(name))
                        {
                            return new ValidationProblem(at, $"The property '{name}' appears more than once in this object.",
                                "Send each property once: FailSmart refuses duplicates rather than let one of them silently win.");
                        }

                        parent.Pending = name;
                        break;
                    case JsonTokenType.String:
                        at = NextValue(open);
                        if (!TryRead(ref reader, out _))
                        {
                            return NotText(ref reader, at, "This string");
                        }

                        break;
                    case JsonTokenType.Number:
                        at = NextValue(open);
                        string text = reader.HasValueSequence
                            ? System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
                            : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
                        {
                            return new ValidationProblem(at, $"The number {Shorten(text)} is outside the range of a double (about ±1.8e308).",
                                "Send a finite number; JSON has no infinity, and one this large cannot be stored or served.");
                        }

                        break;
                    default:
                        at = NextValue(open);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return new ValidationProblem(at, $"The body is not valid JSON{where}: {FirstSentence(e.Message)}",
                "Fix the JSON at that place (strings in double quotes, no trailing commas, no comments, nesting at most "
                + (options.MaxDepth == 0 ? 64 : options.MaxDepth).ToString(CultureInfo.InvariantCulture) + " levels deep).");
        }

        return null;
    }

    private static string NextValue(List<Container> open)
    {
        if (open.Count == 0)
        {
            return "$";
        }

        Container parent = open[^1];
        return parent.IsArray ? Index(parent.Path, parent.Count++) : Property(parent.Path, parent.Pending ?? "");
    }

    private static bool TryRead(ref Utf8JsonReader reader, out string value)
    {
        try
        {
            value = reader.GetString() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            // Thrown for a lone surrogate escape and for bytes that do not transcode.
            value = "";
            return false;
        }
    }

    private static ValidationProblem NotText(ref Utf8JsonReader reader, string path, string what)
    {
        byte[] raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        return Utf8.IsValid(raw)
            ? new ValidationProblem(path, what + " holds a lone UTF-16 surrogate escape (\\ud800 to \\udfff without its pair), which is not text.",
                "Escape characters outside the Basic Multilingual Plane as a surrogate pair (\"\\ud83d\\ude00\"), or send them as UTF-8.")
            : new ValidationProblem(path, what + " holds bytes that are not valid UTF-8.",
                "Encode the body as UTF-8 (Content-Type: application/json; charset=utf-8).");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    /// <summary>An object or array being read: its path, and the names (or count) seen so far.</summary>
    private sealed class Container(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int Count { get; set; }

        public string? Pending { get; set; }

        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
    }
}
