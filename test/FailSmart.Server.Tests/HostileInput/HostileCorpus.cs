using System.Text;
using System.Text.Json.Nodes;

namespace FailSmart.Server.Tests.HostileInput;

/// <summary>
/// A seeded corpus of hostile requests for one operation, derived from its parameters, its body schema
/// and its example body: every string in the example gets a lone surrogate and invalid UTF-8, every
/// object a duplicate, an unknown and a broken property name, every declared property wrong types,
/// nulls, odd numbers, huge values and deep nesting, every required one goes missing, and the body as
/// a whole is replaced by things that are not JSON. Nothing depends on a particular endpoint, so an
/// endpoint added later is attacked the same way.
/// </summary>
public sealed class HostileCorpus(SchemaWalker schemas)
{
    private const string Placeholder = "hostile-placeholder-7f3a";

    /// <summary>A request target with every path parameter given (valid values supplied by the caller).</summary>
    public IEnumerable<HostileRequest> For(ApiOperation operation, Func<string, string> pathValue, bool takesIfMatch)
    {
        string path = Fill(operation.PathTemplate, pathValue);
        IEnumerable<HostileRequest> requests = Parameters(operation, path, pathValue)
            .Concat(Envelope(operation, path, takesIfMatch));
        if (operation.BodyContentType is not null && operation.BodyExample is not null)
        {
            // The body is attacked with every required query parameter given, so refusals are about the body.
            requests = requests.Concat(Body(operation, WithRequiredQuery(operation, path)));
        }

        return requests;
    }

    private static string WithRequiredQuery(ApiOperation operation, string path)
    {
        string[] required = [.. operation.Parameters
            .Where(p => p.In == "query" && p.Required && p.Schema?["enum"] is JsonArray { Count: > 0 })
            .Select(p => p.Name + "=" + Uri.EscapeDataString(p.Schema!["enum"]![0]!.GetValue<string>()))];
        return required.Length == 0 ? path : path + "?" + string.Join('&', required);
    }

    private static string Fill(string template, Func<string, string> pathValue, string? name = null, string? raw = null)
    {
        var builder = new StringBuilder();
        int at = 0;
        while (template.IndexOf('{', at) is int open and >= 0)
        {
            int close = template.IndexOf('}', open);
            string parameter = template[(open + 1)..close];
            builder.Append(template, at, open - at).Append(parameter == name ? raw : Uri.EscapeDataString(pathValue(parameter)));
            at = close + 1;
        }

        return builder.Append(template, at, template.Length - at).ToString();
    }

    private static IEnumerable<HostileRequest> Parameters(ApiOperation operation, string path, Func<string, string> pathValue)
    {
        byte[]? body = operation.BodyExample is null ? null : Encoding.UTF8.GetBytes(operation.BodyExample.ToJsonString());
        foreach (ApiParameter parameter in operation.Parameters)
        {
            if (parameter.In == "path")
            {
                // No %00 here: the in-memory test host refuses it before the server sees it (Kestrel answers 400).
                foreach (string raw in (string[])["%FF", "%ED%A0%80", "..%2F..%2Fetc%2Fpasswd", "%F0%9F%98%80", new string('k', 3000), "%25", "_"])
                {
                    yield return Request(operation, DefectClass.BadParameter, $"path {parameter.Name}={Short(raw)}", Fill(operation.PathTemplate, pathValue, parameter.Name, raw), body, false, null);
                }

                continue;
            }

            if (parameter.In != "query")
            {
                continue;
            }

            string separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            string At(string raw) => path + separator + Uri.EscapeDataString(parameter.Name) + "=" + raw;
            if (parameter.IsTyped)
            {
                foreach (string raw in (string[])["abc", "1e400", "99999999999999999999", "NaN", "Infinity", "%ED%A0%80", "0x10", "yesterday", "2026-13-45T99:99:99Z"])
                {
                    yield return Request(operation, DefectClass.BadParameter, $"{parameter.Name}={raw}", At(raw), body, true, parameter.Name);
                }
            }

            foreach (string raw in (string[])["-1", "0", "-0", "%FF", "%ED%A0%80", "%00", new string('q', 4000), "%2C%2C%2C", "true", "1.5.5"])
            {
                yield return Request(operation, DefectClass.BadParameter, $"{parameter.Name}={Short(raw)}", At(raw), body, false, parameter.Name);
            }

            foreach (string raw in (string[])["%25", "_", "%5C", "%25%25", "a_b%25"])
            {
                yield return Request(operation, DefectClass.LikeWildcard, $"{parameter.Name}={raw}", At(raw), body, false, parameter.Name);
            }
        }
    }

    private static IEnumerable<HostileRequest> Envelope(ApiOperation operation, string path, bool takesIfMatch)
    {
        byte[]? body = operation.BodyExample is null ? null : Encoding.UTF8.GetBytes(operation.BodyExample.ToJsonString());
        yield return Request(operation, DefectClass.NonAsciiKey, "Authorization with non-ASCII characters", path, body, operation.RequiresKey, null,
            [new("Authorization", "Bearer fs_admin_ünïcødé_0123456789abcdefghij")]);
        yield return Request(operation, DefectClass.LongUrl, "a 9 KiB query string", path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "pad=" + new string('u', 9 * 1024), body, true, null);
        yield return Request(operation, DefectClass.LargeHeaders, "a 40 KiB header", path, body, true, null, [new("X-Pad", new string('h', 40 * 1024))]);
        if (takesIfMatch)
        {
            foreach (string tag in (string[])["version-one", "\"-1\"", "\"99999999999999999999\"", "\"1", "W/", "\"ü\""])
            {
                yield return Request(operation, DefectClass.BadIfMatch, $"If-Match: {tag}", path, body, true, "If-Match", [new("If-Match", tag)]);
            }
        }
    }

    private IEnumerable<HostileRequest> Body(ApiOperation operation, string path)
    {
        JsonNode example = operation.BodyExample!;
        // A batch answers 200 and lists each refused event; an import names the refused line, not the field.
        bool survivalOnly = operation.IsEvents || operation.IsImport;
        foreach (byte[] broken in (byte[][])["not json"u8.ToArray(), [], "{\"unterminated\": "u8.ToArray(), "null"u8.ToArray(), "[]"u8.ToArray(), "{}{}"u8.ToArray(), "\"just a string\""u8.ToArray(), [0xEF, 0xBB, 0xBF, .. "{"u8]])
        {
            yield return Request(operation, DefectClass.NotJson, $"body {Short(Encoding.UTF8.GetString(broken))}", path, broken, !survivalOnly, null);
        }

        if (!operation.IsOfrep && !operation.IsEvents)
        {
            yield return Request(operation, DefectClass.WrongContentType, "text/plain", path, Encoding.UTF8.GetBytes(example.ToJsonString()), true, null) with { ContentType = "text/plain" };
        }

        if (operation.IsEvents)
        {
            foreach (string ndjson in (string[])["{\"id\":\"a\"}\n{broken\n", "\n\n\n", "{\"id\":\"\\ud800\"}\n", "[1,2]\n", "{\"id\":\"x\",\"id\":\"y\"}\n", "null\n{}\n", new string('{', 500) + "\n"])
            {
                yield return Request(operation, DefectClass.BrokenNdjson, $"NDJSON {Short(ndjson)}", path, Encoding.UTF8.GetBytes(ndjson), false, null) with { ContentType = "application/x-ndjson" };
            }
        }

        JsonNode? rootSchema = operation.BodySchema;
        foreach ((List<object> at, JsonNode? node, JsonNode? schema) in Walk(example, [], rootSchema))
        {
            string? name = at.OfType<string>().LastOrDefault();
            switch (node)
            {
                case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                    yield return Replace(operation, DefectClass.LoneSurrogate, at, "\"\\ud800\"", !survivalOnly, name, path);
                    yield return Replace(operation, DefectClass.LoneSurrogate, at, "\"tail \\udfff\"", !survivalOnly, name, path);
                    yield return Replace(operation, DefectClass.InvalidUtf8, at, "\"\u00FF\u00FE\"", !survivalOnly, name, path, latin1: true);
                    break;
                case JsonObject obj:
                    string objectText = obj.ToJsonString();
                    string inner = objectText.Length > 2 ? "," + objectText[1..] : "}";
                    yield return Replace(operation, DefectClass.LoneSurrogateName, at, "{\"\\udc00x\":1" + inner, !survivalOnly, null, path);
                    string first = obj.Select(p => p.Key).FirstOrDefault() ?? "dup";
                    JsonNode? original = obj.Select(p => p.Value).FirstOrDefault();
                    string alternative = original is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? "\"admin\"" : original?.ToJsonString() ?? "1";
                    yield return Replace(operation, DefectClass.DuplicateProperty, at,
                        "{" + Quote(first) + ":" + alternative + (obj.Count > 0 ? inner : "," + Quote(first) + ":2}"), !survivalOnly, first, path);
                    bool closed = schemas.IsClosed(schema);
                    yield return Replace(operation, DefectClass.UnknownProperty, at, "{\"unexpectedProperty\":true" + inner, closed && !survivalOnly, closed ? "unexpectedProperty" : null, path);
                    foreach (string required in schemas.Required(schema).Where(obj.ContainsKey))
                    {
                        JsonObject without = obj.DeepClone().AsObject();
                        without.Remove(required);
                        yield return Replace(operation, DefectClass.MissingRequired, at, without.ToJsonString(), !survivalOnly, required, path);
                    }

                    break;
            }

            if (name is null || at.Count == 0 || at[^1] is not string)
            {
                continue; // array items: their types are covered through the array's own property
            }

            IReadOnlyList<string> types = schemas.Types(schema);
            if (types.Count > 0 && WrongValue(types) is { } wrong)
            {
                yield return Replace(operation, DefectClass.WrongType, at, wrong, !survivalOnly, name, path);
            }

            if (schemas.Enum(schema).Count > 0)
            {
                yield return Replace(operation, DefectClass.BadEnum, at, "\"not-a-member\"", !survivalOnly, name, path);
            }

            yield return Replace(operation, DefectClass.Null, at, "null", false, name, path);
            yield return Replace(operation, DefectClass.DeepNesting, at, new string('[', 300) + new string(']', 300), !survivalOnly, name, path);
            if (types.Contains("number") || types.Contains("integer"))
            {
                yield return Replace(operation, DefectClass.OddNumber, at, "1e400", !survivalOnly, name, path);
                yield return Replace(operation, DefectClass.OddNumber, at, "-1e400", !survivalOnly, name, path);
                foreach (string odd in (string[])["-0", "1e308", "-1", "4.9e-324", "123456789012345678901234567890", "0.30000000000000004"])
                {
                    yield return Replace(operation, DefectClass.OddNumber, at, odd, false, name, path);
                }
            }

            if (types.Contains("string"))
            {
                yield return Replace(operation, DefectClass.HugeString, at, Quote(new string('s', 300_000)), false, name, path);
            }

            if (types.Contains("array"))
            {
                string item = node is JsonArray { Count: > 0 } array ? array[0]!.ToJsonString() : "0";
                yield return Replace(operation, DefectClass.HugeArray, at, "[" + string.Join(',', Enumerable.Repeat(item, Math.Max(1, 400_000 / (item.Length + 1)))) + "]", false, name, path);
            }
        }
    }

    /// <summary>Every value of the example with its path and the schema that describes it.</summary>
    private IEnumerable<(List<object> At, JsonNode? Node, JsonNode? Schema)> Walk(JsonNode? node, List<object> at, JsonNode? schema)
    {
        yield return (at, node, schema);
        if (node is JsonObject obj)
        {
            foreach ((string key, JsonNode? child) in obj)
            {
                foreach (var inner in Walk(child, [.. at, key], schemas.Property(schema, key)))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                foreach (var inner in Walk(array[i], [.. at, i], schemas.Item(schema)))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string? WrongValue(IReadOnlyList<string> types) =>
        !types.Contains("string") ? "\"NaN\""
        : !types.Contains("number") && !types.Contains("integer") ? "12345"
        : !types.Contains("object") ? "{\"nested\":true}"
        : null;

    private static HostileRequest Replace(ApiOperation operation, DefectClass defect, List<object> at, string replacement, bool mustRefuse, string? field, string path, bool latin1 = false)
    {
        JsonNode root = operation.BodyExample!.DeepClone();
        string text;
        if (at.Count == 0)
        {
            text = Placeholder;
        }
        else
        {
            JsonNode parent = root;
            foreach (object step in at.Take(at.Count - 1))
            {
                parent = step is string key ? parent[key]! : parent[(int)step]!;
            }

            if (at[^1] is string last)
            {
                parent[last] = Placeholder;
            }
            else
            {
                parent[(int)at[^1]] = Placeholder;
            }

            text = root.ToJsonString();
        }

        string where = "$" + string.Concat(at.Select(s => s is string k ? "." + k : $"[{s}]"));
        int split = text.IndexOf(at.Count == 0 ? Placeholder : "\"" + Placeholder + "\"", StringComparison.Ordinal);
        int length = at.Count == 0 ? Placeholder.Length : Placeholder.Length + 2;
        byte[] body =
        [
            .. Encoding.UTF8.GetBytes(text[..split]),
            .. latin1 ? Encoding.Latin1.GetBytes(replacement) : Encoding.UTF8.GetBytes(replacement),
            .. Encoding.UTF8.GetBytes(text[(split + length)..]),
        ];
        return Request(operation, defect, $"{where} = {Short(replacement)}", path, body, mustRefuse, field);
    }

    private static HostileRequest Request(
        ApiOperation operation, DefectClass defect, string description, string url, byte[]? body, bool mustRefuse, string? field,
        IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        new(operation.Id, defect, description, operation.Method, url, body,
            body is null ? null : operation.BodyContentType ?? "application/json", mustRefuse, field, headers);

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + $"…({text.Length})";
}
