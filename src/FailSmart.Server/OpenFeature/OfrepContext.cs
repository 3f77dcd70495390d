using System.Text.Json;
using FailSmart.Core.Values;
using FailSmart.Protocol.Json;

namespace FailSmart.Server.OpenFeature;

/// <summary>
/// Reads an OFREP request body: {"context": {"targetingKey": "...", ...}}. The targeting key is also the
/// "id" attribute that rollouts and experiments hash, unless the context sets "id" itself.
/// </summary>
internal static class OfrepContext
{
    public static OfrepRead Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return new(null, null, "PARSE_ERROR", "The body is empty. Send {\"context\": {\"targetingKey\": \"user-123\"}}.");
        }

        if (JsonInputCheck.Find(body) is { } unreadable)
        {
            // Inside the context the body was JSON but the context cannot be used; elsewhere it was not readable.
            string code = unreadable.Path == "$.context" || unreadable.Path.StartsWith("$.context.", StringComparison.Ordinal) || unreadable.Path.StartsWith("$.context[", StringComparison.Ordinal)
                ? "INVALID_CONTEXT"
                : "PARSE_ERROR";
            return new(null, null, code, $"{unreadable.Path}: {unreadable.Message} {unreadable.Hint}");
        }

        JsonElement root;
        try
        {
            using JsonDocument document = JsonDocument.Parse(body.ToArray());
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return new(null, null, "PARSE_ERROR", $"The body is not valid JSON: {ex.Message}");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return new(null, null, "PARSE_ERROR", "The body must be a JSON object with a \"context\" object.");
        }

        if (!root.TryGetProperty("context", out JsonElement context))
        {
            return new(Attributes.Empty, null, null, null);
        }

        if (context.ValueKind != JsonValueKind.Object)
        {
            return new(null, null, "INVALID_CONTEXT", $"\"context\" must be an object, not {context.ValueKind}.");
        }

        string? targetingKey = null;
        if (context.TryGetProperty("targetingKey", out JsonElement key))
        {
            if (key.ValueKind != JsonValueKind.String)
            {
                return new(null, null, "INVALID_CONTEXT", "\"targetingKey\" must be a string.");
            }

            targetingKey = key.GetString();
        }

        var values = new Dictionary<string, DataValue>(StringComparer.Ordinal);
        foreach (JsonProperty property in context.EnumerateObject())
        {
            values[property.Name] = DataValue.FromJson(property.Value);
        }

        if (!string.IsNullOrEmpty(targetingKey) && !values.ContainsKey("id"))
        {
            values["id"] = targetingKey;
        }

        return new(new Attributes(values), string.IsNullOrEmpty(targetingKey) ? null : targetingKey, null, null);
    }
}

/// <summary>The parsed context, or an OFREP error code with details.</summary>
internal sealed record OfrepRead(Attributes? Attributes, string? TargetingKey, string? ErrorCode, string? ErrorDetails);
