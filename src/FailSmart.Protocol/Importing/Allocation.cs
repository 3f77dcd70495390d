using System.Text.Json;
using static FailSmart.Protocol.Importing.ConfigurationJson;

namespace FailSmart.Protocol.Importing;

/// <summary>A variant allocation: defaults, user and group lists, percentile ranges and the seed.</summary>
internal sealed record Allocation(string? DefaultWhenEnabled, string? DefaultWhenDisabled, string? Seed)
{
    public IReadOnlyList<(string? Variant, IReadOnlyList<string> Values)> Users { get; init; } = [];

    public IReadOnlyList<(string? Variant, IReadOnlyList<string> Values)> Groups { get; init; } = [];

    public IReadOnlyList<(string? Variant, double From, double To)> Percentiles { get; init; } = [];

    public static Allocation From(JsonElement allocation) => new(Text(allocation, "default_when_enabled"), Text(allocation, "default_when_disabled"), Text(allocation, "seed"))
    {
        Users = [.. Items(Get(allocation, "user")).Select(u => (Text(u, "variant"), Texts(Get(u, "users"))))],
        Groups = [.. Items(Get(allocation, "group")).Select(g => (Text(g, "variant"), Texts(Get(g, "groups"))))],
        Percentiles = [.. Items(Get(allocation, "percentile")).Select(p => (Text(p, "variant"), Number(Get(p, "from")) ?? 0, Number(Get(p, "to")) ?? 0))],
    };
}
