namespace FailSmart.Server.Demo;

/// <summary>
/// The host's clock, which the demo generator can stop at a moment in the simulated past while it writes
/// that moment's history, so audit entries, rollout transitions and imported events carry the dates they
/// would have had. While set, it stands still: a rollout stage entered at one look and checked exactly its
/// minimum duration later must read exactly that duration, not that duration plus or minus however long the
/// day's import happened to take, or the same seed would write a different history. Unset (always, except
/// while the demo generates), it reads the clock it wraps; timers and timestamps are always the wrapped
/// clock's, so waits stay in real time.
/// </summary>
internal sealed class DemoClock(TimeProvider inner) : TimeProvider
{
    private const long Unset = long.MinValue;
    private long _momentTicks = Unset;

    /// <summary>Reads <paramref name="moment"/> from now until the next <see cref="Set"/> or <see cref="Reset"/>.</summary>
    public void Set(DateTimeOffset moment) => Interlocked.Exchange(ref _momentTicks, moment.UtcTicks);

    /// <summary>Reads the wrapped clock again.</summary>
    public void Reset() => Interlocked.Exchange(ref _momentTicks, Unset);

    /// <summary>The wrapped clock's time, which <see cref="Set"/> does not move.</summary>
    public DateTimeOffset RealNow => inner.GetUtcNow();

    public override DateTimeOffset GetUtcNow()
    {
        long moment = Interlocked.Read(ref _momentTicks);
        return moment == Unset ? inner.GetUtcNow() : new DateTimeOffset(moment, TimeSpan.Zero);
    }

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
