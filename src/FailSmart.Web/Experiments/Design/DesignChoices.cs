using System.Text.Json.Nodes;

namespace FailSmart.Web.Experiments.Design;

/// <summary>A metric the wizard offers: its key, its type (a rate's variance follows from its mean) and whether it is archived.</summary>
public sealed record MetricChoice(string Key, string Type, bool Archived)
{
    /// <summary>Conversion and retention metrics are rates.</summary>
    public bool IsRate => Type is "conversion" or "retention";
}

/// <summary>
/// A flag the wizard offers, with its variation keys and environments. <paramref name="Switchable"/>: a boolean flag with a
/// true and a false variation, which a factorial launch can switch on and off.
/// </summary>
public sealed record FlagChoice(string Key, IReadOnlyList<string> Variations, IReadOnlyList<string> Environments, bool Switchable = false)
{
    /// <summary>The choice a flag's document makes, or null when it is not a flag document.</summary>
    public static FlagChoice? From(string key, JsonNode? document)
    {
        if (document is not JsonObject flag)
        {
            return null;
        }

        JsonArray variations = flag["variations"] as JsonArray ?? [];
        bool Serves(bool value) => variations.Any(v => v?["value"] is JsonValue served && served.TryGetValue(out bool b) && b == value);
        bool boolean = flag["type"] is JsonValue type && type.TryGetValue(out string? name) && name == "boolean";
        return new FlagChoice(
            key,
            [.. variations.Select(v => v?["key"] is JsonValue k && k.TryGetValue(out string? text) ? text : "")],
            [.. (flag["environments"] as JsonObject ?? []).Select(e => e.Key)],
            boolean && Serves(true) && Serves(false));
    }
}

/// <summary>A layer the wizard offers, with the unit attribute it hashes.</summary>
public sealed record LayerChoice(string Key, string HashAttribute);
