namespace FailSmart.Application.Insights;

/// <summary>Settings of flag insights (section "Insights").</summary>
public sealed class FlagInsightsOptions
{
    public const string SectionName = "Insights";

    /// <summary>Days without evaluations (or with one value served) before a flag is called stale; also how long a flag counts as new.</summary>
    public int StaleAfterDays { get; set; } = 30;

    /// <summary>Days of daily usage rows kept.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Archiving a flag evaluated within this many days must be confirmed with a reason.</summary>
    public int ArchiveProtectionDays { get; set; } = 7;
}
