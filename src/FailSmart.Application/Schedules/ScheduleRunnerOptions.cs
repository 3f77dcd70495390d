namespace FailSmart.Application.Schedules;

/// <summary>How the scheduler looks for due changes.</summary>
public sealed class ScheduleRunnerOptions
{
    public const string SectionName = "Schedules";

    /// <summary>How often the server looks for due changes.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// For crash tests only: a random pause of up to this long between picking a due change and applying it,
    /// so a kill lands in that window. Zero in production.
    /// </summary>
    public TimeSpan TestDelayBeforeApply { get; set; } = TimeSpan.Zero;
}
