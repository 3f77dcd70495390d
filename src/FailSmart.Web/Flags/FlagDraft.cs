using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Core.Targeting;
using FailSmart.Protocol.Admin;

namespace FailSmart.Web.Flags;

/// <summary>
/// A flag document as the new-flag form and the flag page edit it. It turns the form into the configuration
/// format and back; whether the document is valid is for the service to say. Properties the page does not
/// edit (prerequisites, owner, …) are kept as they were read.
/// </summary>
public sealed class FlagDraft
{
    public static IReadOnlyList<string> Types { get; } = ["boolean", "string", "number", "json"];

    private JsonObject _original = [];

    public string Key { get; set; } = "";

    public string Description { get; set; } = "";

    public string Type { get; set; } = "boolean";

    public string Tags { get; set; } = "";

    public List<VariationDraft> Variations { get; } = [];

    /// <summary>By environment key, in the order the environments are listed.</summary>
    public Dictionary<string, EnvironmentDraft> Environments { get; } = new(StringComparer.Ordinal);

    /// <summary>A new boolean flag: off and on, off everywhere.</summary>
    public static FlagDraft New(IEnumerable<string> environments)
    {
        var draft = new FlagDraft();
        draft.Variations.Add(new VariationDraft { Key = "off", Value = "false" });
        draft.Variations.Add(new VariationDraft { Key = "on", Value = "true" });
        foreach (string environment in environments)
        {
            draft.Environments[environment] = new EnvironmentDraft { OffVariation = "off", DefaultVariation = "off" };
        }

        return draft;
    }

    /// <summary>Sets the type; a new boolean flag gets off/on, other types start with two empty variations to fill in.</summary>
    public void ChangeType(string type)
    {
        Type = type;
        Variations.Clear();
        if (type == "boolean")
        {
            Variations.Add(new VariationDraft { Key = "off", Value = "false" });
            Variations.Add(new VariationDraft { Key = "on", Value = "true" });
        }
        else
        {
            Variations.Add(new VariationDraft { Key = "control" });
            Variations.Add(new VariationDraft { Key = "treatment" });
        }

        string first = Variations[0].Key;
        foreach (EnvironmentDraft state in Environments.Values)
        {
            state.OffVariation = first;
            state.DefaultVariation = first;
        }
    }

    public static FlagDraft From(string document, IReadOnlyList<string> tags)
    {
        JsonObject root = JsonNode.Parse(document)!.AsObject();
        var draft = new FlagDraft
        {
            _original = root,
            Key = Text(root["key"]),
            Description = Text(root["description"]),
            Type = root["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : "boolean",
            Tags = string.Join(", ", tags),
        };
        if (root["variations"] is JsonArray variations)
        {
            foreach (JsonObject variation in variations.OfType<JsonObject>())
            {
                JsonNode? value = variation["value"];
                draft.Variations.Add(new VariationDraft
                {
                    Key = Text(variation["key"]),
                    Value = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "",
                });
            }
        }

        if (root["environments"] is JsonObject states)
        {
            foreach ((string environment, JsonNode? node) in states)
            {
                if (node is not JsonObject state)
                {
                    continue;
                }

                var env = new EnvironmentDraft
                {
                    Enabled = state["enabled"] is JsonValue on && on.GetValueKind() == JsonValueKind.True,
                    OffVariation = Text(state["offVariation"]),
                    DefaultVariation = Text(state["defaultVariation"]),
                };
                if (state["rules"] is JsonArray rules)
                {
                    env.Rules.AddRange(rules.OfType<JsonObject>().Select(RuleDraft.From));
                }

                draft.Environments[environment] = env;
            }
        }

        return draft;
    }

    /// <summary>The document to send, or the problems found while reading the form (JSON that does not parse, a value not of the type).</summary>
    public (JsonObject? Document, IReadOnlyList<FieldProblem> Problems) ToJson()
    {
        var problems = new List<FieldProblem>();
        JsonObject document = (JsonObject)_original.DeepClone();
        document["key"] = Key.Trim();
        if (string.IsNullOrWhiteSpace(Description))
        {
            document.Remove("description");
        }
        else
        {
            document["description"] = Description.Trim();
        }

        document["type"] = Type;
        var variations = new JsonArray();
        for (int i = 0; i < Variations.Count; i++)
        {
            (JsonNode? value, FieldProblem? problem) = Value(Variations[i].Value, $"$.variations[{i}].value");
            if (problem is not null)
            {
                problems.Add(problem);
            }

            variations.Add(new JsonObject { ["key"] = Variations[i].Key.Trim(), ["value"] = value });
        }

        document["variations"] = variations;
        document["tags"] = new JsonArray([.. Tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (JsonNode)t)]);
        JsonObject states = document["environments"] as JsonObject ?? [];
        foreach ((string environment, EnvironmentDraft env) in Environments)
        {
            string path = JsonPathText.Property("$.environments", environment);
            JsonObject state = states[environment] is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
            state["enabled"] = env.Enabled;
            state["offVariation"] = env.OffVariation;
            state["defaultVariation"] = env.DefaultVariation;
            var rules = new JsonArray();
            for (int i = 0; i < env.Rules.Count; i++)
            {
                (JsonObject? rule, FieldProblem? problem) = env.Rules[i].ToJson($"{path}.rules[{i}]");
                if (problem is not null)
                {
                    problems.Add(problem);
                }
                else
                {
                    rules.Add(rule);
                }
            }

            state["rules"] = rules;
            states[environment] = state;
        }

        document["environments"] = states;
        return (problems.Count == 0 ? document : null, problems);
    }

    /// <summary>A fresh rule id in an environment: rule-1, rule-2, … skipping ids in use.</summary>
    public static string NextRuleId(EnvironmentDraft environment)
    {
        for (int n = environment.Rules.Count + 1; ; n++)
        {
            string id = $"rule-{n}";
            if (!environment.Rules.Any(r => r.Id == id))
            {
                return id;
            }
        }
    }

    // A string flag's value is the text itself; boolean, number and json values are read as JSON.
    private (JsonNode? Value, FieldProblem? Problem) Value(string text, string path)
    {
        if (Type == "string")
        {
            return (JsonValue.Create(text), null);
        }

        try
        {
            return (JsonNode.Parse(text), null);
        }
        catch (JsonException)
        {
            string example = Type switch { "boolean" => "true or false", "number" => "a number such as 10 or 2.5", _ => "JSON such as {\"color\": \"blue\"}" };
            return (null, new FieldProblem(path, $"'{text}' is not a {Type} value.", $"Enter {example}."));
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
}
