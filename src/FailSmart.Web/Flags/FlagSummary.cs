using System.Text.Json;
using FailSmart.Storage.Config;

namespace FailSmart.Web.Flags;

/// <summary>What the flag list shows of one stored flag: read from its document once, when the page loads.</summary>
public sealed record FlagSummary(string Key, string? Description, string? Owner, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, bool> Enabled, DateTimeOffset UpdatedAt, bool Archived)
{
    public static FlagSummary From(StoredResource flag)
    {
        using JsonDocument parsed = JsonDocument.Parse(flag.Document);
        JsonElement root = parsed.RootElement;
        var enabled = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (root.TryGetProperty("environments", out JsonElement states) && states.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty state in states.EnumerateObject())
            {
                enabled[state.Name] = state.Value.ValueKind == JsonValueKind.Object &&
                    state.Value.TryGetProperty("enabled", out JsonElement on) && on.ValueKind == JsonValueKind.True;
            }
        }

        return new FlagSummary(flag.Key, Text(root, "description"), Text(root, "owner"), flag.Tags, enabled, flag.UpdatedAt, flag.Archived);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
}
