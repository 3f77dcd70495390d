using System.Text.Json.Nodes;

namespace FailSmart.Server.Tests.HostileInput;

/// <summary>One operation of the served OpenAPI document, with what the corpus needs to attack it.</summary>
public sealed record ApiOperation(
    string Id,
    HttpMethod Method,
    string PathTemplate,
    IReadOnlyList<ApiParameter> Parameters,
    string? BodyContentType,
    JsonNode? BodySchema,
    JsonNode? BodyExample,
    bool RequiresKey)
{
    public bool IsOfrep => PathTemplate.StartsWith("/ofrep/", StringComparison.Ordinal);

    public bool IsEvents => PathTemplate.StartsWith("/events/", StringComparison.Ordinal);

    /// <summary>The historical import: it refuses a file by line (and derives missing ids), as EventImportTests check.</summary>
    public bool IsImport => PathTemplate.StartsWith("/api/v1/imports/", StringComparison.Ordinal);

    /// <summary>Every operation of the document, read from its JSON.</summary>
    public static IReadOnlyList<ApiOperation> ReadAll(JsonNode document)
    {
        var operations = new List<ApiOperation>();
        foreach ((string path, JsonNode? item) in document["paths"]!.AsObject())
        {
            foreach ((string method, JsonNode? operation) in item!.AsObject())
            {
                var parameters = new List<ApiParameter>();
                foreach (JsonNode? parameter in operation!["parameters"]?.AsArray() ?? [])
                {
                    parameters.Add(new ApiParameter(parameter!["name"]!.GetValue<string>(), parameter["in"]!.GetValue<string>(), parameter["schema"], parameter["required"]?.GetValue<bool>() ?? false));
                }

                JsonObject? content = operation["requestBody"]?["content"]?.AsObject();
                string? contentType = content?.Select(c => c.Key).FirstOrDefault();
                operations.Add(new ApiOperation(
                    operation["operationId"]?.GetValue<string>() ?? method.ToUpperInvariant() + " " + path,
                    new HttpMethod(method.ToUpperInvariant()),
                    path,
                    parameters,
                    contentType,
                    contentType is null ? null : content![contentType]!["schema"],
                    contentType is null ? null : content![contentType]!["example"]?.DeepClone(),
                    operation["security"] is JsonArray { Count: > 0 }));
            }
        }

        return operations;
    }
}

/// <summary>A path or query parameter and its schema.</summary>
public sealed record ApiParameter(string Name, string In, JsonNode? Schema, bool Required)
{
    /// <summary>Whether the server parses it as something other than text (so "abc" must be refused).</summary>
    public bool IsTyped =>
        Schema?["type"] switch
        {
            JsonArray types => types.Any(t => t!.GetValue<string>() is "integer" or "number" or "boolean"),
            JsonValue type => type.GetValue<string>() is "integer" or "number" or "boolean",
            _ => false,
        } || Schema?["format"]?.GetValue<string>() == "date-time";
}
