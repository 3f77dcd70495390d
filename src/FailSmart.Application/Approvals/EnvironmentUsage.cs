using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Approvals;

/// <summary>
/// What an environment serves, seen from a shared resource: the keys that the flags ON in that environment
/// reach (their segments, experiments and prerequisite flags, and those experiments' layers). A resource
/// whose key is among them changes what the environment serves. Keys are matched as any string value in
/// those documents, which errs towards asking for approval, never towards skipping it.
/// </summary>
internal sealed class EnvironmentUsage
{
    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);

    private EnvironmentUsage(bool anyFlagOn) => AnyFlagOn = anyFlagOn;

    /// <summary>Whether any flag is on in the environment (a holdout over everything then changes what it serves).</summary>
    public bool AnyFlagOn { get; }

    public static EnvironmentUsage Of(string environment, IReadOnlyList<StoredResource> resources)
    {
        StoredResource[] on = [.. resources.Where(r => r.Kind == ResourceKind.Flag && IsOn(r.Document, environment))];
        var usage = new EnvironmentUsage(on.Length > 0);
        var pending = new Queue<JsonNode?>();
        foreach (StoredResource flag in on)
        {
            usage._reached.Add(flag.Key);
            JsonObject document = JsonNode.Parse(flag.Document)!.AsObject();
            // Only this environment's part and the shared part: other environments' rules serve elsewhere.
            JsonObject? state = document["environments"]?[environment]?.DeepClone().AsObject();
            document.Remove("environments");
            pending.Enqueue(document);
            pending.Enqueue(state);
        }

        var byKey = resources.Where(r => r.Kind != ResourceKind.Flag).GroupBy(r => r.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            foreach (string value in Strings(pending.Dequeue()))
            {
                if (usage._reached.Add(value) && byKey.TryGetValue(value, out List<StoredResource>? reached))
                {
                    foreach (StoredResource resource in reached)
                    {
                        pending.Enqueue(JsonNode.Parse(resource.Document));
                    }
                }
            }
        }

        return usage;
    }

    /// <summary>Whether a change to this resource (its document before or after) changes what the environment serves.</summary>
    public bool IsAffectedBy(ResourceKind kind, string key, string? before, string? after) => kind switch
    {
        // Metric definitions say how results are computed, not what anyone is served.
        ResourceKind.Metric => false,
        ResourceKind.Holdout => AnyFlagOn && (HoldoutReaches(before) || HoldoutReaches(after)),
        _ => _reached.Contains(key),
    };

    public static bool IsOn(string flagDocument, string environment) =>
        JsonNode.Parse(flagDocument)?["environments"]?[environment]?["enabled"]?.GetValueKind() == JsonValueKind.True;

    private bool HoldoutReaches(string? document)
    {
        if (document is null)
        {
            return false;
        }

        JsonNode? scope = JsonNode.Parse(document)?["scope"];
        if (scope is null || scope["all"]?.GetValueKind() == JsonValueKind.True)
        {
            return true; // a holdout's scope defaults to everything
        }

        return Strings(scope).Any(_reached.Contains);
    }

    private static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> property in obj)
                {
                    foreach (string value in Strings(property.Value))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    foreach (string value in Strings(item))
                    {
                        yield return value;
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return value.GetValue<string>();
                break;
        }
    }
}
