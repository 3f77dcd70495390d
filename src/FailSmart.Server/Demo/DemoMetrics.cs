namespace FailSmart.Server.Demo;

/// <summary>The demo's metric keys.</summary>
internal static class DemoMetrics
{
    public const string Retention = "retention-d7";
    public const string Conversion = "purchase-conversion";
    public const string Revenue = "revenue";
    public const string PageLoad = "page-load-time";
    public const string AdClicks = "ad-clicks";
}
