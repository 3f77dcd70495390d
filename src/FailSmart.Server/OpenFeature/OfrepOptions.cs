namespace FailSmart.Server.OpenFeature;

/// <summary>OpenFeature settings (section "OpenFeature").</summary>
public sealed class OfrepOptions
{
    public const string SectionName = "OpenFeature";

    /// <summary>
    /// Which web origins may call OFREP from a browser: "*" (any, the default), "none", or a comma-separated
    /// list such as "https://shop.example.com, https://admin.example.com". Credentials (cookies) are never
    /// allowed, since keys travel in the Authorization header that a page sets itself.
    /// </summary>
    public string AllowedOrigins { get; set; } = "*";

    /// <summary>
    /// How long an event stream URL's token is issued for, in minutes: a token lives between one and two
    /// such periods, and a bulk answer carries a new one once the period turns.
    /// </summary>
    public int EventStreamTokenMinutes { get; set; } = 15;

    /// <summary>The allowed origins, normalized ("*" alone for any); null when the setting cannot be read.</summary>
    public IReadOnlyList<string>? ParseAllowedOrigins()
    {
        string value = AllowedOrigins?.Trim() ?? "";
        if (value.Length == 0 || value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (value == "*")
        {
            return ["*"];
        }

        var origins = new List<string>();
        foreach (string entry in value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(entry, UriKind.Absolute, out Uri? origin) ||
                origin.Scheme is not ("http" or "https") ||
                origin.AbsolutePath != "/" || origin.Query.Length > 0 || origin.Fragment.Length > 0 || origin.UserInfo.Length > 0)
            {
                return null;
            }

            origins.Add(origin.GetLeftPart(UriPartial.Authority));
        }

        return origins;
    }
}
