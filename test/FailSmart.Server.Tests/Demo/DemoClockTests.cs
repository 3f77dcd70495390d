using FailSmart.Server.Demo;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Server.Tests.Demo;

public sealed class DemoClockTests
{
    private static readonly DateTimeOffset s_real = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_set_moment_stands_still_while_real_time_passes_so_stage_durations_read_exactly()
    {
        var real = new FakeTimeProvider(s_real);
        var clock = new DemoClock(real);
        DateTimeOffset entered = s_real.AddDays(-20);

        clock.Set(entered);
        real.Advance(TimeSpan.FromSeconds(3)); // the day's import
        DateTimeOffset first = clock.GetUtcNow();
        clock.Set(entered.AddDays(2));
        real.Advance(TimeSpan.FromMilliseconds(1));
        DateTimeOffset second = clock.GetUtcNow();

        first.ShouldBe(entered);
        (second - first).ShouldBe(TimeSpan.FromDays(2));
        clock.RealNow.ShouldBe(s_real.AddSeconds(3).AddMilliseconds(1));
    }

    [Fact]
    public void Reset_reads_the_wrapped_clock_again()
    {
        var real = new FakeTimeProvider(s_real);
        var clock = new DemoClock(real);

        clock.Set(s_real.AddDays(-3));
        clock.Reset();
        real.Advance(TimeSpan.FromMinutes(1));

        clock.GetUtcNow().ShouldBe(s_real.AddMinutes(1));
    }
}
