namespace FailSmart.Application.Maintenance;

/// <summary>What the review suggests for a feature in Maintain.</summary>
public static class MaintenanceVerdict
{
    /// <summary>Used, and what it costs is recorded: nothing to do now.</summary>
    public const string Keep = "keep";

    /// <summary>Still costs effort, or its usage cannot be seen: worth a conversation.</summary>
    public const string Review = "review";

    /// <summary>Its flags are no longer evaluated, or serve one value to everyone: flags and dead code can go.</summary>
    public const string CleanUp = "clean-up";
}
