namespace FailSmart.Storage.Config;

/// <summary>
/// Tags are stored in one text column as "|a|b|", so a tag filter is a portable LIKE. The admin API
/// only accepts tags made of letters, digits, '-', '_', '.' and ':'.
/// </summary>
internal static class ResourceTags
{
    public static string Encode(IReadOnlyList<string> tags) =>
        tags.Count == 0 ? "" : "|" + string.Join('|', tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) + "|";

    public static IReadOnlyList<string> Decode(string encoded) =>
        encoded.Split('|', StringSplitOptions.RemoveEmptyEntries);
}
