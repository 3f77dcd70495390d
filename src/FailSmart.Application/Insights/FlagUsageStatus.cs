namespace FailSmart.Application.Insights;

/// <summary>What the evaluations reported say about a flag in one environment.</summary>
public static class FlagUsageStatus
{
    /// <summary>Evaluated, serving more than one variation or changed recently.</summary>
    public const string Active = "active";

    /// <summary>Not evaluated in the stale window although a reporting client reads the environment.</summary>
    public const string StaleUnused = "stale-unused";

    /// <summary>Serving one variation to everyone for the whole window, with no change to the flag in it.</summary>
    public const string StaleSingleValue = "stale-single-value";

    /// <summary>No reporting client has reported for the environment in the window: nothing can be said.</summary>
    public const string UsageUnknown = "usage-unknown";

    /// <summary>Created within the window: too young to call stale.</summary>
    public const string New = "new";
}
