namespace FailSmart.Application.Rollouts;

/// <summary>
/// The clock guarded rollouts run on: a keyed <see cref="TimeProvider"/>, the host's own unless the host
/// gives rollouts a faster one (for tests and demos), so stage durations can pass in seconds.
/// </summary>
public static class RolloutClock
{
    /// <summary>The service key of the rollouts' <see cref="TimeProvider"/>.</summary>
    public const string Key = "rollouts";
}
