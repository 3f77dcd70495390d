using System.Text;
using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting;

/// <summary>
/// GrowthBook's padded version string: drop a leading "v" and any "+build", split on "." and "-",
/// append "~" to a plain x.y.z (so a release sorts after its pre-releases), left-pad numeric parts
/// to 5 characters, join with "-". Comparing these strings ordinally compares the versions.
/// </summary>
internal static class VersionString
{
    public static string Pad(in DataValue value)
    {
        string text = value.Kind switch
        {
            DataValueKind.Number => JsSemantics.NumberToString(value.AsNumber()),
            DataValueKind.String => value.AsString()!,
            _ => string.Empty,
        };
        return Pad(text);
    }

    public static string Pad(string text)
    {
        if (text.Length == 0)
        {
            text = "0";
        }

        if (text[0] == 'v')
        {
            text = text[1..];
        }

        int plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            text = text[..plus];
        }

        string[] parts = text.Split('.', '-');
        var builder = new StringBuilder(text.Length + 16);
        for (int i = 0; i < parts.Length; i++)
        {
            AppendPart(builder, parts[i], i > 0);
        }

        if (parts.Length == 3)
        {
            AppendPart(builder, "~", separator: true);
        }

        return builder.ToString();
    }

    private static void AppendPart(StringBuilder builder, string part, bool separator)
    {
        if (separator)
        {
            builder.Append('-');
        }

        bool numeric = part.Length > 0;
        foreach (char c in part)
        {
            numeric &= c is >= '0' and <= '9';
        }

        if (numeric && part.Length < 5)
        {
            builder.Append(' ', 5 - part.Length);
        }

        builder.Append(part);
    }
}
