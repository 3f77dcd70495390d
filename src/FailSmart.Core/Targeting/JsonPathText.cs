namespace FailSmart.Core.Targeting;

/// <summary>Builds JSON path text ($.a.b[0]['$or']) for problem reports.</summary>
public static class JsonPathText
{
    public static string Property(string parent, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool simple = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (char c in name)
        {
            simple &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        return simple ? parent + "." + name : parent + "['" + name.Replace("'", "\\'", StringComparison.Ordinal) + "']";
    }

    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
}
