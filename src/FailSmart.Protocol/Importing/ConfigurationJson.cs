using System.Globalization;
using System.Text.Json;

namespace FailSmart.Protocol.Importing;

/// <summary>
/// Reads an appsettings.json the way Microsoft.Extensions.Configuration sees it: names match without
/// regard to case (the last duplicate wins), every scalar is text, and an array is a section whose
/// children are numbered.
/// </summary>
internal static class ConfigurationJson
{
    public static JsonElement? Get(JsonElement section, string name)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonElement? found = null;
        foreach (JsonProperty property in section.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                found = property.Value;
            }
        }

        return found;
    }

    /// <summary>A scalar as configuration text (true is "True"), or null for a section, null or absence.</summary>
    public static string? Text(JsonElement? value) => value?.ValueKind switch
    {
        JsonValueKind.String => value.Value.GetString(),
        JsonValueKind.Number => value.Value.GetRawText(),
        JsonValueKind.True => bool.TrueString,
        JsonValueKind.False => bool.FalseString,
        _ => null,
    };

    public static string? Text(JsonElement section, string name) => Text(Get(section, name));

    public static bool? Bool(JsonElement? value) => Text(value) is { } text && bool.TryParse(text, out bool b) ? b : null;

    public static double? Number(JsonElement? value) =>
        Text(value) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;

    /// <summary>The children of an array (or of an object numbered 0, 1, …, as environment variables write arrays), in order.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement? section)
    {
        if (section is not { } s)
        {
            return [];
        }

        if (s.ValueKind == JsonValueKind.Array)
        {
            return [.. s.EnumerateArray()];
        }

        if (s.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        return [.. s.EnumerateObject()
            .Where(p => int.TryParse(p.Name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .OrderBy(p => int.Parse(p.Name, CultureInfo.InvariantCulture))
            .Select(p => p.Value)];
    }

    /// <summary>The texts of an array of scalars, nulls left out.</summary>
    public static IReadOnlyList<string> Texts(JsonElement? section) =>
        [.. Items(section).Select(i => Text(i)).OfType<string>()];
}
