using System.Globalization;

namespace FailSmart.Server.Api;

/// <summary>Strong ETags for resource versions: "\"{version}\"".</summary>
internal static class ETags
{
    public static string ForVersion(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version named by If-Match; null when absent; false when present but not one of ours.</summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? version)
    {
        version = null;
        string? header = request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return true;
        }

        string value = header.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"' &&
            long.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out long parsed))
        {
            version = parsed;
            return true;
        }

        return false;
    }
}
