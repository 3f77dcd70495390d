using System.Text.Json.Nodes;

namespace FailSmart.Protocol.Configuration;

/// <summary>
/// The change from one rule set document to another, as the SDK stream's "patch" event carries it:
/// <c>{"from":41,"to":43,"etag":"\"…\"","changed":{"flags":[…]},"removed":{"segments":["beta"]}}</c>.
/// Resources are matched by kind and key; a changed one is sent whole. The server keeps each kind's
/// resources in ordinal key order, so applying a patch rebuilds its document byte for byte, and the
/// receiver can check the result against <c>etag</c>.
/// </summary>
public static class RuleSetPatch
{
    /// <summary>The document's arrays of keyed resources, in document order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["flags", "segments", "experiments", "layers", "holdouts"];

    /// <summary>
    /// The patch that turns <paramref name="from"/> into <paramref name="to"/>, or null when they differ
    /// outside the keyed arrays (a new format version, say), which only a full document can carry.
    /// </summary>
    public static JsonObject? Create(JsonObject from, JsonObject to, long fromRevision, long toRevision, string etag)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (!SameOutsideKinds(from, to))
        {
            return null;
        }

        var changed = new JsonObject();
        var removed = new JsonObject();
        foreach (string kind in Kinds)
        {
            Dictionary<string, JsonNode> before = ByKey(from[kind] as JsonArray);
            Dictionary<string, JsonNode> after = ByKey(to[kind] as JsonArray);
            var changedOfKind = new JsonArray();
            foreach ((string key, JsonNode resource) in after)
            {
                if (!before.TryGetValue(key, out JsonNode? old) || !JsonNode.DeepEquals(old, resource))
                {
                    changedOfKind.Add(resource.DeepClone());
                }
            }

            var removedOfKind = new JsonArray();
            foreach (string key in before.Keys.Where(k => !after.ContainsKey(k)))
            {
                removedOfKind.Add(key);
            }

            if (changedOfKind.Count > 0)
            {
                changed[kind] = changedOfKind;
            }

            if (removedOfKind.Count > 0)
            {
                removed[kind] = removedOfKind;
            }
        }

        return new JsonObject { ["from"] = fromRevision, ["to"] = toRevision, ["etag"] = etag, ["changed"] = changed, ["removed"] = removed };
    }

    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="document"/> in place: removals first, then each
    /// changed resource replaces the one with its key or is inserted in ordinal key order. Returns false,
    /// with the reason, when the patch is not one (the document may then be half changed: discard it).
    /// </summary>
    public static bool TryApply(JsonObject document, JsonObject patch, out string problem)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(patch);
        problem = string.Empty;
        JsonObject? changed = patch["changed"] as JsonObject;
        JsonObject? removed = patch["removed"] as JsonObject;
        if (changed is null || removed is null)
        {
            problem = "the patch has no \"changed\" or \"removed\" object";
            return false;
        }

        foreach (string kind in changed.Select(p => p.Key).Concat(removed.Select(p => p.Key)))
        {
            if (!Kinds.Contains(kind))
            {
                problem = $"the patch names \"{kind}\", which is not one of {string.Join(", ", Kinds)}";
                return false;
            }
        }

        foreach (string kind in Kinds)
        {
            if (removed[kind] is null && changed[kind] is null)
            {
                continue;
            }

            if (document[kind] is not JsonArray resources)
            {
                resources = [];
                document[kind] = resources;
            }

            if (removed[kind] is JsonArray keys && !TryRemove(resources, keys, out problem))
            {
                return false;
            }

            if (changed[kind] is JsonArray replacements && !TryUpsert(resources, replacements, out problem))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryRemove(JsonArray resources, JsonArray keys, out string problem)
    {
        foreach (JsonNode? node in keys)
        {
            string? key = node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
            int index = key is null ? -1 : IndexOf(resources, key);
            if (index < 0)
            {
                problem = $"the patch removes \"{key}\", which the document does not have";
                return false;
            }

            resources.RemoveAt(index);
        }

        problem = string.Empty;
        return true;
    }

    private static bool TryUpsert(JsonArray resources, JsonArray replacements, out string problem)
    {
        foreach (JsonNode? node in replacements)
        {
            if (KeyOf(node) is not { } key)
            {
                problem = "the patch changes a resource without a key";
                return false;
            }

            JsonNode resource = node!.DeepClone();
            int index = IndexOf(resources, key);
            if (index >= 0)
            {
                resources[index] = resource;
                continue;
            }

            int insertAt = 0;
            while (insertAt < resources.Count && string.CompareOrdinal(KeyOf(resources[insertAt]), key) < 0)
            {
                insertAt++;
            }

            resources.Insert(insertAt, resource);
        }

        problem = string.Empty;
        return true;
    }

    private static bool SameOutsideKinds(JsonObject from, JsonObject to)
    {
        static IEnumerable<KeyValuePair<string, JsonNode?>> Others(JsonObject o) => o.Where(p => !Kinds.Contains(p.Key));
        var fromOthers = Others(from).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var toOthers = Others(to).ToList();
        return fromOthers.Count == toOthers.Count &&
            toOthers.All(p => fromOthers.TryGetValue(p.Key, out JsonNode? old) && JsonNode.DeepEquals(old, p.Value));
    }

    private static Dictionary<string, JsonNode> ByKey(JsonArray? resources)
    {
        var byKey = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (JsonNode? resource in resources ?? [])
        {
            if (KeyOf(resource) is { } key)
            {
                byKey[key] = resource!;
            }
        }

        return byKey;
    }

    private static int IndexOf(JsonArray resources, string key)
    {
        for (int i = 0; i < resources.Count; i++)
        {
            if (KeyOf(resources[i]) == key)
            {
                return i;
            }
        }

        return -1;
    }

    private static string? KeyOf(JsonNode? resource) =>
        resource is JsonObject o && o["key"] is JsonValue value && value.TryGetValue(out string? key) ? key : null;
}
