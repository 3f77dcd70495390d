using System.Text.Json.Nodes;
using FailSmart.Storage.Config;

namespace FailSmart.Web.Layers;

/// <summary>
/// Which experiment owns which span of a layer's buckets, and the free spans between them, read from the
/// experiments' documents ("layer": {"key", "buckets": [from, to)}). Validation keeps stored spans disjoint;
/// should two still overlap, both are listed as stored, so the map never hides one.
/// </summary>
public static class LayerSpans
{
    public static IReadOnlyList<LayerSpan> Of(string layerKey, IEnumerable<StoredResource> experiments)
    {
        var owned = new List<LayerSpan>();
        foreach (StoredResource experiment in experiments.Where(e => !e.Archived))
        {
            JsonNode? document = Parse(experiment.Document);
            if (document?["layer"] is not JsonObject layer || layer["key"]?.GetValue<string>() != layerKey || layer["buckets"] is not JsonArray { Count: 2 } span
                || !TryInt(span[0], out int from) || !TryInt(span[1], out int to))
            {
                continue;
            }

            string status = document["status"] is JsonValue s && s.TryGetValue(out string? text) ? text : "running";
            owned.Add(new LayerSpan(Math.Clamp(from, 0, LayerSpan.Buckets), Math.Clamp(to, 0, LayerSpan.Buckets), experiment.Key, status));
        }

        owned.Sort((a, b) => a.From != b.From ? a.From.CompareTo(b.From) : a.To.CompareTo(b.To));
        var all = new List<LayerSpan>();
        int next = 0;
        foreach (LayerSpan span in owned)
        {
            if (span.From > next)
            {
                all.Add(new LayerSpan(next, span.From, null, null));
            }

            all.Add(span);
            next = Math.Max(next, span.To);
        }

        if (next < LayerSpan.Buckets)
        {
            all.Add(new LayerSpan(next, LayerSpan.Buckets, null, null));
        }

        return all;
    }

    /// <summary>Whether a holdout's scope covers the layer: everything (the default), or the layer by name.</summary>
    public static bool Covers(StoredResource holdout, string layerKey)
    {
        if (holdout.Archived || Parse(holdout.Document)?["scope"] is not { } scope)
        {
            return !holdout.Archived;
        }

        return scope["all"] is JsonValue all && all.TryGetValue(out bool everything) && everything
            || scope["layers"] is JsonArray layers && layers.Any(l => l is JsonValue v && v.TryGetValue(out string? k) && k == layerKey);
    }

    private static JsonNode? Parse(string document)
    {
        try
        {
            return JsonNode.Parse(document);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool TryInt(JsonNode? node, out int value)
    {
        value = 0;
        if (node is not JsonValue v || !v.TryGetValue(out double number) || number != Math.Floor(number))
        {
            return false;
        }

        value = (int)Math.Clamp(number, int.MinValue, int.MaxValue);
        return true;
    }
}
