using FailSmart.Server.Results;

namespace FailSmart.Server.Tests;

public sealed class TimelineMomentsTests
{
    private static readonly DateTimeOffset s_day0 = new(2026, 3, 1, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Between_same_day_is_only_now()
    {
        DateTimeOffset now = s_day0.AddHours(2);

        TimelineMoments.Between(s_day0, now).ShouldBe([now]);
    }

    [Fact]
    public void Between_is_the_end_of_each_utc_day_then_now()
    {
        DateTimeOffset now = s_day0.AddDays(2).AddHours(-10);

        TimelineMoments.Between(s_day0, now).ShouldBe([
            new DateTimeOffset(2026, 3, 1, 23, 59, 59, 999, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 2, 23, 59, 59, 999, TimeSpan.Zero),
            now,
        ]);
    }

    [Fact]
    public void Between_reads_other_offsets_in_utc()
    {
        DateTimeOffset first = new(2026, 3, 2, 1, 0, 0, TimeSpan.FromHours(13)); // 1 March, 12:00 UTC
        DateTimeOffset now = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

        TimelineMoments.Between(first, now).ShouldBe([new DateTimeOffset(2026, 3, 1, 23, 59, 59, 999, TimeSpan.Zero), now]);
    }

    [Theory]
    [InlineData(59, 60, 1)]
    [InlineData(60, 31, 2)]
    [InlineData(119, 60, 2)]
    [InlineData(120, 41, 3)]
    [InlineData(400, 58, 7)]
    public void Between_long_phase_steps_by_whole_days_to_at_most_60_ending_now(int days, int expected, int step)
    {
        DateTimeOffset now = s_day0.AddDays(days).AddHours(1);

        IReadOnlyList<DateTimeOffset> moments = TimelineMoments.Between(s_day0, now);

        moments.Count.ShouldBe(expected);
        moments[^1].ShouldBe(now);
        moments[^2].ShouldBe(TimelineMoments.EndOfDay(now).AddDays(-step));
        for (int i = 1; i < moments.Count - 1; i++)
        {
            (moments[i] - moments[i - 1]).ShouldBe(TimeSpan.FromDays(step));
        }
    }
}
