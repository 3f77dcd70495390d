using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Statistics.Tests.Oracle;

/// <summary>Walks every leaf of an <c>expected</c> block and lists the fields the actual output gets wrong.</summary>
internal static class ExpectedComparer
{
    public static List<string> Differences(JsonElement expected, JsonNode? actual, Tolerance tolerance)
    {
        var problems = new List<string>();
        Walk(expected, actual, "", tolerance, problems);
        return problems;
    }

    private static void Walk(JsonElement expected, JsonNode? actual, string path, Tolerance tolerance, List<string> problems)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                if (actual is not JsonObject obj)
                {
                    problems.Add($"{path}: expected an object");
                    return;
                }

                foreach (JsonProperty p in expected.EnumerateObject())
                {
                    Walk(p.Value, obj[p.Name], path.Length == 0 ? p.Name : $"{path}.{p.Name}", tolerance, problems);
                }

                break;
            case JsonValueKind.Array:
                if (actual is not JsonArray arr || arr.Count != expected.GetArrayLength())
                {
                    problems.Add($"{path}: expected an array of {expected.GetArrayLength()}");
                    return;
                }

                int i = 0;
                foreach (JsonElement item in expected.EnumerateArray())
                {
                    Walk(item, arr[i], $"{path}[{i}]", tolerance, problems);
                    i++;
                }

                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                if (actual is null || actual.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) || actual.GetValue<bool>() != expected.GetBoolean())
                {
                    problems.Add($"{path}: expected {expected.GetBoolean()}, got {actual?.ToJsonString() ?? "nothing"}");
                }

                break;
            case JsonValueKind.Number:
            case JsonValueKind.String:
                double e = ToDouble(expected);
                double? a = actual is JsonValue v && v.TryGetValue(out double d) ? d
                    : actual is JsonValue lv && lv.TryGetValue(out long l) ? l
                    : actual is JsonValue iv && iv.TryGetValue(out int n) ? n
                    : null;
                if (a is null || !tolerance.Accepts(a.Value, e))
                {
                    string got = a?.ToString("R", CultureInfo.InvariantCulture) ?? "nothing";
                    double rel = a is null ? double.NaN : Math.Abs(a.Value - e) / Math.Abs(e);
                    problems.Add($"{path}: expected {e.ToString("R", CultureInfo.InvariantCulture)}, got {got} (rel err {rel:E2})");
                }

                break;
            default:
                break;
        }
    }

    private static double ToDouble(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? e.GetString() switch
        {
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            _ => double.NaN,
        }
        : e.GetDouble();
}
