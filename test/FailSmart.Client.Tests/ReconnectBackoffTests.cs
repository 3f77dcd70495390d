using FailSmart.Client.Sync;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Client.Tests;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan s_min = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_max = TimeSpan.FromSeconds(10);

    [Fact]
    public void Failed_after_20_separate_outages_waits_no_longer_than_after_the_first()
    {
        var clock = new FakeTimeProvider();
        var backoff = new ReconnectBackoff(new RetryDelay(s_min, s_max), TimeSpan.Zero, clock);

        for (int outage = 0; outage < 20; outage++)
        {
            backoff.Healthy();
            clock.Advance(TimeSpan.FromSeconds(3));
            // Each outage: three refused tries, whose delays double from the shortest again.
            backoff.Failed().ShouldBeInRange(s_min / 2, s_min);
            backoff.Failed().ShouldBeInRange(s_min, s_min * 2);
            backoff.Failed().ShouldBeInRange(s_min * 2, s_min * 4);
        }

        backoff.Failures.ShouldBe(3);
    }

    [Fact]
    public void Failed_within_the_quick_window_after_a_healthy_connection_retries_at_the_shortest_delay()
    {
        var clock = new FakeTimeProvider();
        var backoff = new ReconnectBackoff(new RetryDelay(s_min, s_max), TimeSpan.FromSeconds(5), clock);
        backoff.Healthy();

        for (int i = 0; i < 40; i++)
        {
            backoff.Failed().ShouldBeInRange(s_min / 2, s_min);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        clock.Advance(TimeSpan.FromSeconds(1)); // past the window: the delay doubles from the shortest
        backoff.Failed().ShouldBeInRange(s_min / 2, s_min);
        backoff.Failed().ShouldBeInRange(s_min, s_min * 2);
        for (int i = 0; i < 10; i++)
        {
            backoff.Failed();
        }

        backoff.Failed().ShouldBeInRange(s_max / 2, s_max);
    }

    [Fact]
    public void Failed_before_any_healthy_connection_backs_off_at_once()
    {
        var backoff = new ReconnectBackoff(new RetryDelay(s_min, s_max), TimeSpan.FromSeconds(15), new FakeTimeProvider());

        backoff.Failed().ShouldBeInRange(s_min / 2, s_min);
        backoff.Failed().ShouldBeInRange(s_min, s_min * 2);
        backoff.Failed().ShouldBeInRange(s_min * 2, s_min * 4);
    }
}
