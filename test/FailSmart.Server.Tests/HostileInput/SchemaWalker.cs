using System.Text.Json.Nodes;

namespace FailSmart.Server.Tests.HostileInput;

/// <summary>Follows an OpenAPI schema down a JSON value: references, properties, items and maps.</summary>
public sealed class SchemaWalker(JsonNode document)
{
    public JsonObject? Resolve(JsonNode? schema)
    {
        for (int hops = 0; schema is JsonObject obj && obj["$ref"] is JsonValue reference && hops < 20; hops++)
        {
            string target = reference.GetValue<string>();
            schema = document["components"]!["schemas"]![target["#/components/schemas/".Length..]];
        }

        return schema as JsonObject;
    }

    /// <summary>The schema of property <paramref name="name"/> of an object with this schema, or null when free-form.</summary>
    public JsonObject? Property(JsonNode? schema, string name)
    {
        JsonObject? resolved = Resolve(schema);
        if (resolved?["properties"]?[name] is { } declared)
        {
            return Resolve(declared);
        }

        return resolved?["additionalProperties"] is JsonObject map ? Resolve(map) : null;
    }

    public JsonObject? Item(JsonNode? schema) => Resolve(Resolve(schema)?["items"]);

    /// <summary>True when the schema says no other properties are allowed.</summary>
    public bool IsClosed(JsonNode? schema) => Resolve(schema)?["additionalProperties"] is JsonValue value && !value.GetValue<bool>();

    public IReadOnlyList<string> Required(JsonNode? schema) =>
        [.. Resolve(schema)?["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []];

    /// <summary>The JSON types the schema allows ("string", "null" …); empty when it does not say.</summary>
    public IReadOnlyList<string> Types(JsonNode? schema) => Resolve(schema)?["type"] switch
    {
        JsonArray types => [.. types.Select(t => t!.GetValue<string>())],
        JsonValue type => [type.GetValue<string>()],
        _ => [],
    };

    public IReadOnlyList<JsonNode?> Enum(JsonNode? schema) => [.. Resolve(schema)?["enum"]?.AsArray() ?? []];
}
