namespace FailSmart.Web.Audit;

/// <summary>Where an audit entry's subject lives in the UI, if it has a page.</summary>
public static class AuditLinks
{
    private static readonly Dictionary<string, string> s_pages = new(StringComparer.Ordinal)
    {
        ["flag"] = "flags",
        ["segment"] = "segments",
        ["experiment"] = "experiments",
        ["layer"] = "layers",
        ["holdout"] = "holdouts",
        ["metric"] = "metrics",
    };

    /// <summary>The kinds the audit log records, for its filter.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["flag", "segment", "experiment", "layer", "holdout", "metric", "api-key", "account", "environment"];

    public static string? For(string kind, string key) =>
        s_pages.TryGetValue(kind, out string? segment) ? $"/{segment}/{Uri.EscapeDataString(key)}" : kind == "api-key" ? "/api-keys" : null;
}
