namespace FailSmart.Server.Events;

/// <summary>How often the server writes the evaluations it counted itself (section "Insights:Server").</summary>
public sealed class UsageWriterOptions
{
    public const string SectionName = "Insights:Server";

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}
