using System.Net.Http.Headers;
using FailSmart.Client.Sync;

namespace FailSmart.Client.Tests;

public sealed class RetryDelayTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 50, 100)]
    [InlineData(2, 100, 200)]
    [InlineData(3, 200, 400)]
    [InlineData(10, 500, 1000)]
    public void Next_doubles_with_jitter_up_to_the_maximum(int failures, double low, double high)
    {
        var retry = new RetryDelay(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000));

        for (int i = 0; i < 200; i++)
        {
            retry.Next(failures).TotalMilliseconds.ShouldBeInRange(low, high);
        }
    }

    [Fact]
    public void FromRetryAfter_reads_seconds_and_dates_and_caps_at_ten_minutes()
    {
        RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), s_now).ShouldBe(TimeSpan.FromSeconds(7));
        RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(s_now.AddSeconds(30)), s_now).ShouldBe(TimeSpan.FromSeconds(30));
        RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(TimeSpan.FromHours(2)), s_now).ShouldBe(TimeSpan.FromMinutes(10));
        RetryDelay.FromRetryAfter(new RetryConditionHeaderValue(s_now.AddSeconds(-5)), s_now).ShouldBe(TimeSpan.Zero);
        RetryDelay.FromRetryAfter(null, s_now).ShouldBeNull();
    }
}
