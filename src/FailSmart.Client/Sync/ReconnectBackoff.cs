namespace FailSmart.Client.Sync;

/// <summary>
/// When to try the server again. A connection that was healthy (it delivered a rule set, a heartbeat or a
/// resume) forgets every earlier failure, so separate outages never add up. For the first
/// <c>QuickReconnectWindow</c> after a healthy connection drops, retries come every
/// <c>MinRetryDelay</c> (with jitter), because most outages are a restart that is over in seconds and a kill
/// switch must not wait behind a long backoff; after the window the delay doubles from there, capped.
/// </summary>
internal sealed class ReconnectBackoff(RetryDelay retry, TimeSpan quickWindow, TimeProvider time)
{
    private int _failures;
    private int _quickFailures;
    private bool _healthy;
    private DateTimeOffset _lostAt = DateTimeOffset.MinValue;

    /// <summary>Failures since the connection was last healthy.</summary>
    public int Failures => _failures;

    /// <summary>The connection delivers: earlier failures no longer count.</summary>
    public void Healthy()
    {
        _healthy = true;
        _failures = 0;
        _quickFailures = 0;
    }

    /// <summary>The connection ended or an attempt failed: how long to wait before the next one.</summary>
    public TimeSpan Failed()
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_healthy)
        {
            _healthy = false;
            _lostAt = now;
        }

        _failures++;
        if (now - _lostAt < quickWindow)
        {
            _quickFailures++;
            return retry.Next(1);
        }

        return retry.Next(_failures - _quickFailures);
    }
}
