using System.Text.Json.Nodes;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Assembles stored resources into one document in the configuration format. For an environment, each
/// flag keeps only that environment's state, so a key scoped to one environment never sees another's.
/// </summary>
public static class RuleSetDocument
{
    private static readonly ResourceKind[] s_kinds = [ResourceKind.Flag, ResourceKind.Segment, ResourceKind.Experiment, ResourceKind.Layer, ResourceKind.Holdout];

    public static string ArrayName(ResourceKind kind) => kind switch
    {
        ResourceKind.Flag => "flags",
        ResourceKind.Segment => "segments",
        ResourceKind.Experiment => "experiments",
        ResourceKind.Layer => "layers",
        ResourceKind.Holdout => "holdouts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Metric definitions are not part of a rule set."),
    };

    public static JsonObject Build(IReadOnlyList<StoredResource> resources, string? environment)
    {
        var root = new JsonObject { ["version"] = ConfigDocument.FormatVersion };
        foreach (ResourceKind kind in s_kinds)
        {
            var array = new JsonArray();
            foreach (StoredResource resource in resources.Where(r => r.Kind == kind && !r.Archived))
            {
                array.Add(Scoped(JsonNode.Parse(resource.Document)!, kind, environment));
            }

            root[ArrayName(kind)] = array;
        }

        return root;
    }

    /// <summary>Rewrites "$.flags[2].rules[0]" as "flags/checkout: $.rules[0]", using Build's order.</summary>
    public static string NameResource(IReadOnlyList<StoredResource> resources, string path)
    {
        foreach (ResourceKind kind in s_kinds)
        {
            string prefix = "$." + ArrayName(kind) + "[";
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            int close = path.IndexOf(']', prefix.Length);
            if (close > 0 && int.TryParse(path.AsSpan(prefix.Length, close - prefix.Length), System.Globalization.CultureInfo.InvariantCulture, out int index))
            {
                StoredResource[] ofKind = [.. resources.Where(r => r.Kind == kind && !r.Archived)];
                if (index < ofKind.Length)
                {
                    return $"{ArrayName(kind)}/{ofKind[index].Key}: ${path[(close + 1)..]}";
                }
            }
        }

        return path;
    }

    private static JsonNode Scoped(JsonNode node, ResourceKind kind, string? environment)
    {
        if (node is JsonObject obj)
        {
            obj.Remove("tags"); // tags are the store's, not the rule set's
            if (environment is not null && kind == ResourceKind.Flag && obj["environments"] is JsonObject environments)
            {
                foreach (string other in environments.Select(e => e.Key).Where(k => k != environment).ToList())
                {
                    environments.Remove(other);
                }
            }
        }

        return node;
    }
}
