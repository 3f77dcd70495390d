using System.Text.Json;
using FailSmart.Core.Values;
using static FailSmart.Protocol.Importing.ConfigurationJson;

namespace FailSmart.Protocol.Importing;

/// <summary>A variant: its name, its configuration value (the variant's name when it has none), and whether it overrides the enabled state.</summary>
internal sealed record VariantDefinition(string Name, DataValue Value, string? StatusOverride)
{
    public static VariantDefinition? From(JsonElement variant)
    {
        if (Text(variant, "name") is not { Length: > 0 } name)
        {
            return null;
        }

        DataValue value = Get(variant, "configuration_value") is { ValueKind: not JsonValueKind.Null } v ? DataValue.FromJson(v) : DataValue.FromString(name);
        string? status = Text(variant, "status_override");
        return new VariantDefinition(name, value, string.Equals(status, "None", StringComparison.OrdinalIgnoreCase) ? null : status);
    }
}
