using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FailSmart.Application.Configuration;
using FailSmart.Application.Metrics;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// Reads a configuration-as-code file: a configuration document (docs/configuration.md) plus what only this
/// file carries: <c>metrics</c> (metric definitions, as <c>POST /api/v1/metrics</c> takes them), and on any
/// resource <c>tags</c> and <c>archived</c>. Those are taken out, and the rest is validated with the same
/// mapper and validator the server uses, so a file the server would refuse is refused before anything is sent.
/// </summary>
internal static partial class DesiredConfig
{
    private static readonly JsonDocumentOptions s_options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false };

    [GeneratedRegex(@"^\$\.(flags|segments|experiments|layers|holdouts)\[(\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex IndexedPath();

    public static (IReadOnlyList<DesiredResource> Resources, IReadOnlyList<ConfigProblem> Problems) Read(string text)
    {
        JsonObject root;
        try
        {
            if (JsonNode.Parse(text, documentOptions: s_options) is not JsonObject parsed)
            {
                return ([], [new("$", "The file must hold one JSON object.", "Write {\"version\": 1, \"flags\": [], …} as docs/configuration.md shows.")]);
            }

            root = parsed;
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return ([], [new(e.Path ?? "$", "The file is not valid JSON" + where + ".", "Fix the JSON at that place; duplicate properties are refused too.")]);
        }

        var problems = new List<ConfigProblem>();
        var resources = new List<DesiredResource>();
        var ruleSet = (JsonObject)root.DeepClone();
        ruleSet.Remove(ConfigSections.Metrics);
        var indexes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (string section in ConfigSections.RuleSet)
        {
            if (root[section] is not JsonArray items)
            {
                continue; // absent, or not an array: the document's own validation names it
            }

            var live = new JsonArray();
            var kept = new List<int>();
            for (int i = 0; i < items.Count; i++)
            {
                string path = $"$.{section}[{i}]";
                if (ReadResource(section, items[i], path, problems) is not { } resource)
                {
                    live.Add(items[i]?.DeepClone());
                    kept.Add(i);
                    continue;
                }

                resources.Add(resource);
                if (resource.Archived != true)
                {
                    // Archived resources leave the rule set, as on the server, so only the others are validated together.
                    live.Add(resource.Document.DeepClone());
                    kept.Add(i);
                }
            }

            ruleSet[section] = live;
            indexes[section] = kept;
        }

        ReadMetrics(root[ConfigSections.Metrics], resources, problems);
        CheckDuplicates(resources, problems);

        ConfigLoadResult loaded = ConfigDocument.Parse(ruleSet.ToJsonString());
        problems.AddRange(loaded.Problems.Select(p => new ConfigProblem(OriginalPath(p.Path, indexes), p.Message, p.Hint)));
        return (resources, problems);
    }

    private static DesiredResource? ReadResource(string section, JsonNode? node, string path, List<ConfigProblem> problems)
    {
        if (node is not JsonObject source)
        {
            return null;
        }

        var document = (JsonObject)source.DeepClone();
        using JsonDocument keys = JsonDocument.Parse(document.ToJsonString());
        (string? key, IReadOnlyList<string> tags, List<FieldProblem> keyProblems) = ResourceKeys.Read(keys.RootElement);
        problems.AddRange(keyProblems.Select(p => new ConfigProblem(path + p.Path[1..], p.Message, p.Hint)));
        bool? archived = null;
        if (document["archived"] is { } flag)
        {
            if (flag.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                archived = flag.GetValue<bool>();
            }
            else
            {
                problems.Add(new(path + ".archived", "archived must be true or false.", "Write \"archived\": true to archive it, false to bring it back, or leave it out."));
            }
        }

        IReadOnlyList<string>? wantedTags = document.ContainsKey("tags") ? tags : null;
        document.Remove("tags");
        document.Remove("archived");
        return key is null || keyProblems.Count > 0 ? null : new DesiredResource(new ResourceRef(section, key), document, wantedTags, archived);
    }

    private static void ReadMetrics(JsonNode? node, List<DesiredResource> resources, List<ConfigProblem> problems)
    {
        if (node is null)
        {
            return;
        }

        if (node is not JsonArray metrics)
        {
            problems.Add(new("$.metrics", "metrics must be an array of metric definitions.", "Write \"metrics\": [{\"key\": \"checkout-conversion\", \"type\": \"conversion\", \"event\": \"purchase\"}]."));
            return;
        }

        for (int i = 0; i < metrics.Count; i++)
        {
            string path = $"$.metrics[{i}]";
            if (ReadResource(ConfigSections.Metrics, metrics[i], path, problems) is not { } resource)
            {
                if (metrics[i] is not JsonObject)
                {
                    problems.Add(new(path, "A metric definition must be a JSON object.", "Write {\"key\": \"checkout-conversion\", \"type\": \"conversion\", \"event\": \"purchase\"}."));
                }

                continue;
            }

            resources.Add(resource);
            using JsonDocument definition = JsonDocument.Parse(resource.Document.ToJsonString());
            problems.AddRange(MetricDocumentReader.Read(definition.RootElement).Problems.Select(p => new ConfigProblem(path + p.Path[1..], p.Message, p.Hint)));
        }
    }

    private static void CheckDuplicates(List<DesiredResource> resources, List<ConfigProblem> problems)
    {
        foreach (IGrouping<ResourceRef, DesiredResource> twice in resources.GroupBy(r => r.Ref).Where(g => g.Count() > 1))
        {
            problems.Add(new(
                "$." + twice.Key.Section,
                $"The {ConfigSections.Singular(twice.Key.Section)} '{twice.Key.Key}' appears {twice.Count()} times.",
                "Keep one; an archived resource is written once, with \"archived\": true."));
        }
    }

    /// <summary>Paths of the validated document count only live resources; point back at the file's own index.</summary>
    private static string OriginalPath(string path, Dictionary<string, List<int>> indexes)
    {
        Match match = IndexedPath().Match(path);
        if (!match.Success || !indexes.TryGetValue(match.Groups[1].Value, out List<int>? kept))
        {
            return path;
        }

        int index = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return index < kept.Count ? $"$.{match.Groups[1].Value}[{kept[index]}]" + path[match.Length..] : path;
    }
}
