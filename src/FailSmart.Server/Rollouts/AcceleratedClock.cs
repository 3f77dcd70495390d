namespace FailSmart.Server.Rollouts;

/// <summary>
/// A clock that runs <paramref name="speed"/> times faster than real time from <paramref name="since"/>, so a
/// plan's days pass in seconds in tests and demos. Anchored to a fixed real moment, it reads the same after a
/// restart. Timers are not sped up: the engine's look interval stays in real time.
/// </summary>
internal sealed class AcceleratedClock(TimeProvider real, double speed, DateTimeOffset since) : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        DateTimeOffset now = real.GetUtcNow();
        return since + TimeSpan.FromTicks((long)((now - since).Ticks * speed));
    }
}
