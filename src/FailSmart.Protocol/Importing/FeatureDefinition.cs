using System.Text.Json;
using static FailSmart.Protocol.Importing.ConfigurationJson;

namespace FailSmart.Protocol.Importing;

/// <summary>A Microsoft.FeatureManagement feature as its configuration provider reads it, from either schema.</summary>
internal sealed record FeatureDefinition(string Name, bool Enabled, IReadOnlyList<(string Name, JsonElement? Parameters)> Filters, bool RequireAll)
{
    public List<VariantDefinition> Variants { get; init; } = [];

    public Allocation? Allocation { get; init; }

    private static readonly (string, JsonElement?)[] s_alwaysOn = [("AlwaysOn", null)];

    /// <summary>
    /// <c>"Name": true</c>, or <c>{"EnabledFor": [{"Name": …, "Parameters": …}], "RequirementType": "All"}</c>;
    /// false, no filters or an empty list mean disabled.
    /// </summary>
    public static FeatureDefinition FromDotnetSchema(string name, JsonElement value)
    {
        string? flat = Text(value) ?? Text(Get(value, "EnabledFor"));
        if (flat is not null)
        {
            return new FeatureDefinition(name, bool.TryParse(flat, out bool on) && on, s_alwaysOn, false);
        }

        return new FeatureDefinition(name, true, ReadFilters(Get(value, "EnabledFor"), "Name", "Parameters"), IsAll(Text(value, "RequirementType")));
    }

    /// <summary><c>{"id", "enabled", "conditions": {"client_filters", "requirement_type"}, "variants", "allocation"}</c>.</summary>
    public static FeatureDefinition FromMicrosoftSchema(string name, JsonElement flag)
    {
        bool enabled = Bool(Get(flag, "enabled")) ?? false;
        JsonElement? conditions = Get(flag, "conditions");
        IReadOnlyList<(string, JsonElement?)> filters = ReadFilters(conditions is { } c ? Get(c, "client_filters") : null, "name", "parameters");
        return new FeatureDefinition(name, enabled, filters.Count == 0 ? s_alwaysOn : filters, IsAll(conditions is { } c2 ? Text(c2, "requirement_type") : null))
        {
            Variants = [.. Items(Get(flag, "variants")).Select(VariantDefinition.From).OfType<VariantDefinition>()],
            Allocation = Get(flag, "allocation") is { ValueKind: JsonValueKind.Object } allocation ? Allocation.From(allocation) : null,
        };
    }

    private static bool IsAll(string? requirement) => string.Equals(requirement, "All", StringComparison.OrdinalIgnoreCase);

    private static IReadOnlyList<(string, JsonElement?)> ReadFilters(JsonElement? list, string nameKey, string parametersKey) =>
        [.. Items(list).Where(f => Text(f, nameKey) is { Length: > 0 }).Select(f => (Text(f, nameKey)!, Get(f, parametersKey)))];
}
