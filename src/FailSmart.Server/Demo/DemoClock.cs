namespace FailSmart.Server.Demo;

/// <summary>
/// The host's clock, which the demo generator can set to a moment in the simulated past while it writes
/// that moment's history, so audit entries, rollout transitions and imported events carry the dates they
/// would have had. Unset (always, except while the demo generates), it reads the clock it wraps; timers
/// and timestamps are always the wrapped clock's, so waits stay in real time.
/// </summary>
internal sealed class DemoClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Reads <paramref name="moment"/> now, and moves on from it in step with the wrapped clock.</summary>
    public void Set(DateTimeOffset moment) => Interlocked.Exchange(ref _offsetTicks, (moment - inner.GetUtcNow()).Ticks);

    /// <summary>Reads the wrapped clock again.</summary>
    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);

    /// <summary>The wrapped clock's time, which <see cref="Set"/> does not move.</summary>
    public DateTimeOffset RealNow => inner.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
