using System.Text.Json;

namespace FailSmart.Server.Events;

/// <summary>
/// Reads JSON text into .NET strings without letting one bad event throw. The JSON reader accepts a lone
/// UTF-16 surrogate escape ("\ud800") and, in places, bytes that are not UTF-8, but neither can become a
/// .NET string: reading them throws <see cref="InvalidOperationException"/>, which here becomes false.
/// </summary>
internal static class JsonText
{
    /// <summary>What a sender is told when a value or name is not valid Unicode.</summary>
    public const string NotUnicode =
        "is not valid Unicode: it holds a lone UTF-16 surrogate escape (such as \\ud800) or bytes that are not UTF-8. " +
        "Send UTF-8 text, and escape characters outside the Basic Multilingual Plane as a surrogate pair (\\ud83d\\ude00).";

    /// <summary>The string, or null when <paramref name="value"/> is not a JSON string; false when it is not valid Unicode.</summary>
    public static bool TryGetString(JsonElement value, out string? text)
    {
        text = null;
        if (value.ValueKind != JsonValueKind.String)
        {
            return true;
        }

        try
        {
            text = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    public static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>A string's text, or any other value's JSON; false when either is not valid Unicode.</summary>
    public static bool TryGetText(JsonElement value, out string text)
    {
        try
        {
            text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array && !AllUnicode(value))
            {
                return false;
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }

    // A nested value's raw text keeps escapes as written, so "\ud800" inside it would pass unseen; read every string.
    private static bool AllUnicode(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return TryGetString(value, out _);
            case JsonValueKind.Array:
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (!AllUnicode(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    if (!TryGetName(property, out _) || !AllUnicode(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
