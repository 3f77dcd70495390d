namespace FailSmart.Server.Rollouts;

/// <summary>
/// A clock for tests and demos that reads <paramref name="start"/> at the real moment <paramref name="since"/>
/// and from then runs <paramref name="speed"/> times faster than real time, so a plan's days pass in seconds.
/// Anchored to fixed moments, it reads the same after a restart. Timers are not sped up: the engine's look
/// interval stays in real time.
/// </summary>
internal sealed class AcceleratedClock(TimeProvider real, double speed, DateTimeOffset since, DateTimeOffset start) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks((long)((real.GetUtcNow() - since).Ticks * speed));
}
