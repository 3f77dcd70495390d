using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// The resources a document refers to, which must exist before it is written: a flag's segments, prerequisite
/// flags, experiments and rollout-plan metrics; an experiment's layer and metrics; a holdout's scope.
/// </summary>
internal static class ResourceReferences
{
    public static IEnumerable<ResourceRef> Of(ResourceRef resource, JsonObject document) => resource.Section switch
    {
        ConfigSections.Flags => Flag(document),
        ConfigSections.Experiments => Experiment(document),
        ConfigSections.Holdouts => Holdout(document),
        _ => [],
    };

    private static IEnumerable<ResourceRef> Flag(JsonObject flag)
    {
        foreach (JsonNode? prerequisite in Array(flag["prerequisites"]))
        {
            if (Text(prerequisite?["flag"]) is { } key)
            {
                yield return new(ConfigSections.Flags, key);
            }
        }

        foreach (JsonNode? state in (flag["environments"] as JsonObject)?.Select(e => e.Value) ?? [])
        {
            foreach (JsonNode? rule in Array(state?["rules"]))
            {
                foreach (JsonNode? segment in Array(rule?["segments"]))
                {
                    if (Text(segment) is { } key)
                    {
                        yield return new(ConfigSections.Segments, key);
                    }
                }

                if (Text(rule?["experiment"]?["key"]) is { } experiment)
                {
                    yield return new(ConfigSections.Experiments, experiment);
                }

                foreach (JsonNode? metric in Array(rule?["rollout"]?["plan"]?["metrics"]))
                {
                    if (Text(metric?["key"]) is { } key)
                    {
                        yield return new(ConfigSections.Metrics, key);
                    }
                }
            }
        }
    }

    private static IEnumerable<ResourceRef> Experiment(JsonObject experiment)
    {
        if (Text(experiment["layer"]?["key"]) is { } layer)
        {
            yield return new(ConfigSections.Layers, layer);
        }

        foreach (JsonNode? metric in Array(experiment["metrics"]))
        {
            if (Text(metric?["key"]) is { } key)
            {
                yield return new(ConfigSections.Metrics, key);
            }
        }
    }

    private static IEnumerable<ResourceRef> Holdout(JsonObject holdout)
    {
        JsonNode? scope = holdout["scope"];
        foreach ((string property, string section) in new[] { ("flags", ConfigSections.Flags), ("experiments", ConfigSections.Experiments), ("layers", ConfigSections.Layers) })
        {
            foreach (JsonNode? item in Array(scope?[property]))
            {
                if (Text(item) is { } key)
                {
                    yield return new(section, key);
                }
            }
        }
    }

    private static IEnumerable<JsonNode?> Array(JsonNode? node) => node as JsonArray ?? [];

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
