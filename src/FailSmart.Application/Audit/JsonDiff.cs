using System.Text.Json.Nodes;

namespace FailSmart.Application.Audit;

/// <summary>
/// The values that differ between two JSON documents, as paths ($.environments.production.enabled) with
/// their before and after. Objects are compared property by property; arrays element by element, so a
/// rule inserted at the top shows as every rule below it changed, which is what an SDK will see.
/// </summary>
public static class JsonDiff
{
    public static IReadOnlyList<DiffLine> Between(string? before, string? after)
    {
        var lines = new List<DiffLine>();
        Compare("$", Parse(before), Parse(after), lines);
        return lines;
    }

    private static JsonNode? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonNode.Parse(json);

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<DiffLine> lines)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (before is JsonObject a && after is JsonObject b)
        {
            foreach (string name in a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal))
            {
                Compare(Core.Targeting.JsonPathText.Property(path, name), a[name], b[name], lines);
            }

            return;
        }

        if (before is JsonArray x && after is JsonArray y)
        {
            for (int i = 0; i < Math.Max(x.Count, y.Count); i++)
            {
                Compare($"{path}[{i}]", i < x.Count ? x[i] : null, i < y.Count ? y[i] : null, lines);
            }

            return;
        }

        lines.Add(new DiffLine(path, before?.ToJsonString(), after?.ToJsonString()));
    }
}
