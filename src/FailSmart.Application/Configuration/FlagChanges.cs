using System.Text.Json.Nodes;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Which parts of a flag a change touches: its shared part (type, variations, prerequisites…, which every
/// environment serves) and each environment's own part. Editors limited to some environments and
/// approval policies are both decided from this.
/// </summary>
public sealed record FlagChanges(bool SharedChanged, IReadOnlyList<string> EnvironmentsChanged)
{
    // Labels that change nothing any SDK serves.
    private static readonly string[] s_descriptive = ["environments", "tags", "description", "owner"];

    /// <summary>Compares two flag documents (null before: a new flag, whose every part is a change).</summary>
    public static FlagChanges Between(string? before, string after)
    {
        JsonObject next = JsonNode.Parse(after) as JsonObject ?? [];
        JsonObject previous = (before is null ? null : JsonNode.Parse(before) as JsonObject) ?? [];
        bool shared = before is null || !JsonNode.DeepEquals(Shared(previous), Shared(next));
        JsonObject previousStates = previous["environments"] as JsonObject ?? [];
        JsonObject nextStates = next["environments"] as JsonObject ?? [];
        List<string> environments =
        [
            .. previousStates.Select(p => p.Key).Union(nextStates.Select(p => p.Key), StringComparer.Ordinal)
                .Where(environment => !JsonNode.DeepEquals(previousStates[environment], nextStates[environment])),
        ];
        return new FlagChanges(shared, environments);
    }

    /// <summary>The environments in which the flag is on, in this document.</summary>
    public static IReadOnlyList<string> EnabledIn(string document) =>
        JsonNode.Parse(document)?["environments"] is JsonObject states
            ? [.. states.Where(s => s.Value?["enabled"]?.GetValueKind() == System.Text.Json.JsonValueKind.True).Select(s => s.Key)]
            : [];

    private static JsonObject Shared(JsonObject flag)
    {
        var copy = (JsonObject)flag.DeepClone();
        foreach (string name in s_descriptive)
        {
            copy.Remove(name);
        }

        return copy;
    }
}
