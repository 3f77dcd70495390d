using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Application.Configuration;

/// <summary>
/// The properties docs/config-schema.json requires, checked on the document being written. The
/// format's reader fills in defaults for some of them (a flag with no "environments", an environment
/// with no "enabled"), which silently makes a flag that is never on; a write must say them. Only
/// writes are checked, so documents stored before stay readable and rule sets stay loadable.
/// </summary>
public static class RequiredProperties
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> s_schemas = new(ResourceSchemas.All);

    public static List<FieldProblem> Missing(ResourceKind kind, JsonElement document)
    {
        var problems = new List<FieldProblem>();
        Walk(document, s_schemas.Value[ResourceSchemas.ResourceSchemaId(kind)], "$", problems);
        return problems;
    }

    private static void Walk(JsonElement value, JsonNode? schema, string path, List<FieldProblem> problems)
    {
        JsonObject? resolved = Resolve(schema);
        if (resolved is null)
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (string name in resolved["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
            {
                if (!value.TryGetProperty(name, out _))
                {
                    problems.Add(new FieldProblem(Property(path, name), $"'{name}' is required here.", "Add it; docs/configuration.md describes each property."));
                }
            }

            foreach (JsonProperty property in value.EnumerateObject())
            {
                Walk(property.Value, resolved["properties"]?[property.Name] ?? resolved["additionalProperties"] as JsonObject, Property(path, property.Name), problems);
            }
        }
        else if (value.ValueKind == JsonValueKind.Array && resolved["items"] is JsonObject items)
        {
            int i = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                Walk(item, items, Index(path, i++), problems);
            }
        }
    }

    private static JsonObject? Resolve(JsonNode? schema)
    {
        for (int hops = 0; schema is JsonObject obj && obj["$ref"] is JsonValue reference && hops < 10; hops++)
        {
            schema = s_schemas.Value.GetValueOrDefault(reference.GetValue<string>()["#/components/schemas/".Length..]);
        }

        return schema as JsonObject;
    }
}
