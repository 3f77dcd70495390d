using System.Text.Json.Nodes;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// JSON Schemas and examples of the request bodies the framework cannot describe: configuration
/// resources (taken from docs/config-schema.json, embedded at build time, plus "tags"), metric
/// definitions and OFREP evaluation requests.
/// </summary>
public static class ResourceSchemas
{
    public const string OfrepRequest = "OfrepEvaluationRequest";

    public static string ResourceSchemaId(ResourceKind kind) => kind + "Document";

    /// <summary>Every schema by component id; references point at "#/components/schemas/…".</summary>
    public static IReadOnlyDictionary<string, JsonObject> All()
    {
        using Stream stream = typeof(ResourceSchemas).Assembly.GetManifestResourceStream("FailSmart.Application.config-schema.json")
            ?? throw new InvalidOperationException("The configuration schema is not embedded in the server.");
        string text = new StreamReader(stream).ReadToEnd().Replace("\"#/$defs/", "\"#/components/schemas/Config", StringComparison.Ordinal);
        JsonObject definitions = JsonNode.Parse(text)!["$defs"]!.AsObject();

        var schemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach ((string name, JsonNode? definition) in definitions)
        {
            schemas["Config" + char.ToUpperInvariant(name[0]) + name[1..]] = definition!.DeepClone().AsObject();
        }

        // Definitions are renamed Config<Name>, first letter upper-cased; references follow.
        foreach (JsonObject schema in schemas.Values)
        {
            FixReferences(schema);
        }

        foreach ((ResourceKind kind, string segment, _) in ResourceKindRoutes.All.Where(r => r.Kind != ResourceKind.Metric))
        {
            string definition = "Config" + char.ToUpperInvariant(segment[0]) + segment[1..^1];
            JsonObject schema = schemas[definition].DeepClone().AsObject();
            schema["properties"]!.AsObject()["tags"] = Tags();
            schemas[ResourceSchemaId(kind)] = schema;
        }

        schemas[ResourceSchemaId(ResourceKind.Metric)] = JsonNode.Parse(MetricSchema)!.AsObject();
        schemas[OfrepRequest] = JsonNode.Parse(OfrepSchema)!.AsObject();
        return schemas;
    }

    public static string Example(ResourceKind kind) => kind switch
    {
        ResourceKind.Flag => """
            {"key": "new-checkout", "description": "The one-page checkout.", "type": "boolean",
             "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}],
             "environments": {"production": {"enabled": true, "offVariation": "off", "defaultVariation": "off",
               "rules": [{"id": "nordics", "condition": {"country": {"$in": ["SE", "NO"]}}, "rollout": {"variation": "on", "percentage": 10}}]}},
             "tags": ["checkout"]}
            """,
        ResourceKind.Segment => """{"key": "staff", "description": "People who work here.", "attribute": "email", "ids": ["ada@example.com"], "tags": ["internal"]}""",
        ResourceKind.Experiment => """
            {"key": "button-copy", "hypothesis": "A clearer button sells more.",
             "variations": [{"key": "control", "weight": 0.5}, {"key": "green", "weight": 0.5}], "status": "draft", "tags": ["checkout"]}
            """,
        ResourceKind.Layer => """{"key": "checkout-layer", "description": "Checkout experiments share these buckets.", "tags": ["checkout"]}""",
        ResourceKind.Holdout => """{"key": "global-holdout", "description": "1% never sees a change.", "buckets": [0, 100], "scope": {"all": true}}""",
        ResourceKind.Metric => """{"key": "checkout-conversion", "type": "conversion", "event": "purchase", "window": "P7D", "direction": "increase", "tags": ["checkout"]}""",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public const string OfrepExample = """{"context": {"targetingKey": "user-123", "country": "SE", "plan": "pro"}}""";

    private static JsonObject Tags() => new()
    {
        ["type"] = "array",
        ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$" },
        ["description"] = "Labels for filtering lists (?tag=). Kept beside the document, not in rule sets.",
    };

    private static void FixReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                // OpenAPI's object model has no prefixItems; a bucket span's two items share one schema.
                if (obj["prefixItems"] is JsonArray prefix && prefix.Count > 0)
                {
                    obj.Remove("prefixItems");
                    obj["items"] = prefix[0]!.DeepClone();
                }

                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith("#/components/schemas/Config", StringComparison.Ordinal))
                {
                    string name = target["#/components/schemas/Config".Length..];
                    obj["$ref"] = "#/components/schemas/Config" + char.ToUpperInvariant(name[0]) + name[1..];
                }

                foreach ((_, JsonNode? child) in obj.ToList())
                {
                    FixReferences(child);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? child in array)
                {
                    FixReferences(child);
                }

                break;
        }
    }

    private const string MetricSchema = """
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["key", "type", "event"],
          "description": "A metric definition for experiment analysis (docs/metrics.md).",
          "properties": {
            "key": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "description": {"type": "string"},
            "type": {"enum": ["conversion", "count", "sum", "mean", "ratio", "retention", "quantile"]},
            "event": {"type": "string", "minLength": 1},
            "denominatorEvent": {"type": "string", "description": "Ratio metrics only."},
            "numeratorAggregate": {"enum": ["count", "sum"]},
            "denominatorAggregate": {"enum": ["count", "sum"]},
            "window": {"type": "string", "description": "ISO 8601 duration after exposure, e.g. P7D."},
            "retentionDay": {"type": "integer", "minimum": 0, "maximum": 3650},
            "quantile": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
            "direction": {"enum": ["increase", "decrease"]},
            "capping": {
              "type": "object",
              "additionalProperties": false,
              "required": ["type", "value"],
              "properties": {"type": {"enum": ["fixed", "percentile"]}, "value": {"type": "number"}}
            },
            "cupedWindow": {"type": "string", "description": "ISO 8601 duration before exposure, e.g. P14D."},
            "role": {"enum": ["primary", "secondary", "guardrail"]},
            "nonInferiorityMargin": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
            "plannedUnits": {"type": "integer", "minimum": 2}
          }
        }
        """;

    private const string OfrepSchema = """
        {
          "type": "object",
          "description": "An OFREP evaluation request. Property names must not repeat anywhere in the body.",
          "properties": {
            "context": {
              "type": "object",
              "description": "Any attributes; targetingKey is also the 'id' attribute that rollouts and experiments hash.",
              "properties": {"targetingKey": {"type": "string"}},
              "additionalProperties": true
            }
          }
        }
        """;
}
