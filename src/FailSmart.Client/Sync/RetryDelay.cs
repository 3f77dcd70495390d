using System.Net.Http.Headers;

namespace FailSmart.Client.Sync;

/// <summary>Exponential backoff with jitter, so many clients of a restarted server do not return in step.</summary>
internal sealed class RetryDelay(TimeSpan min, TimeSpan max)
{
    private static readonly TimeSpan s_longestRetryAfter = TimeSpan.FromMinutes(10);

    /// <summary>The delay after <paramref name="failures"/> failures in a row: a random point in [cap/2, cap], cap = min·2^(failures-1) up to max.</summary>
    public TimeSpan Next(int failures)
    {
        double cap = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30)));
        return TimeSpan.FromMilliseconds((cap / 2) + (Random.Shared.NextDouble() * cap / 2));
    }

    /// <summary>What a Retry-After header asks for (seconds or a date), capped at ten minutes; null when absent.</summary>
    public static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        TimeSpan? wanted = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (wanted is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > s_longestRetryAfter ? s_longestRetryAfter : value;
    }
}
