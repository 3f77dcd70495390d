using System.Globalization;
using FailSmart.Application.Insights;

namespace FailSmart.Web.Insights;

/// <summary>How a flag's usage status reads on the pages, and its colour class.</summary>
public static class StatusText
{
    public static string Label(string status) => status switch
    {
        FlagUsageStatus.Active => "Active",
        FlagUsageStatus.StaleUnused => "Stale: not evaluated",
        FlagUsageStatus.StaleSingleValue => "Stale: one value",
        FlagUsageStatus.UsageUnknown => "Usage unknown",
        FlagUsageStatus.New => "New",
        _ => status,
    };

    public static string Css(string status) => status switch
    {
        FlagUsageStatus.StaleUnused or FlagUsageStatus.StaleSingleValue => "fs-usage fs-usage-stale",
        FlagUsageStatus.Active => "fs-usage fs-usage-active",
        _ => "fs-usage fs-usage-other",
    };

    public static bool IsStale(string status) => status is FlagUsageStatus.StaleUnused or FlagUsageStatus.StaleSingleValue;

    public static string Served(FlagInsight insight) => insight.Variations.Count == 0
        ? "—"
        : string.Join(", ", insight.Variations.Select(v => $"{v.Variation} {Percent(v.Share)}"));

    public static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
