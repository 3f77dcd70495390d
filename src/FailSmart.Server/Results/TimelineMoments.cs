namespace FailSmart.Server.Results;

/// <summary>
/// The moments a results timeline is computed at: the end of each UTC day from the phase's first exposure,
/// then now. A long phase is stepped by whole days, counted back from now, so there are at most
/// <see cref="MaxPoints"/> and the last is always now.
/// </summary>
internal static class TimelineMoments
{
    public const int MaxPoints = 60;

    public static IReadOnlyList<DateTimeOffset> Between(DateTimeOffset firstExposure, DateTimeOffset now)
    {
        var dayEnds = new List<DateTimeOffset>();
        for (DateTimeOffset end = EndOfDay(firstExposure); end < now; end = end.AddDays(1))
        {
            dayEnds.Add(end);
        }

        // Now is moment m = dayEnds.Count; keeping m, m − step, … leaves ⌊m / step⌋ + 1 moments.
        int m = dayEnds.Count;
        int step = (m / MaxPoints) + 1;
        var moments = new List<DateTimeOffset> { now };
        for (int i = m - step; i >= 0; i -= step)
        {
            moments.Add(dayEnds[i]);
        }

        moments.Reverse();
        return moments;
    }

    /// <summary>The last millisecond of the UTC day (analyses include events at their as-of moment).</summary>
    public static DateTimeOffset EndOfDay(DateTimeOffset moment)
    {
        DateTime utc = moment.UtcDateTime;
        return new DateTimeOffset(utc.Date.AddDays(1).AddMilliseconds(-1), TimeSpan.Zero);
    }
}
