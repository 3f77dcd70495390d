using FailSmart.Storage.Config;

namespace FailSmart.Server.Auth;

/// <summary>
/// Ends long-lived connections (SDK and OFREP event streams) when their key is revoked or expires.
/// Authentication only runs when a connection opens, so without this a stream would go on receiving
/// rule sets after its key stopped being valid. Every connection of one key shares one cancellation;
/// expiry is a timer, and revocation is seen when the configuration revision advances: at once for a
/// revocation made here, when PostgreSQL announces the revision for one made by another replica (within
/// the revision poll, a second, while announcements are not being heard).
/// </summary>
internal sealed class ApiKeyConnectionWatch(ApiKeyCache keys, ConfigChangeNotifier notifier, TimeProvider timeProvider, ILogger<ApiKeyConnectionWatch> logger)
    : BackgroundService
{
    // Expiries further away than this get their timer on a later hourly pass (timers cap at ~49 days).
    private static readonly TimeSpan s_longestTimer = TimeSpan.FromDays(30);
    private static readonly TimeSpan s_recheck = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Watched> _watched = new(StringComparer.Ordinal);

    /// <summary>Watches a key for one connection. The lease is already ended when the key is no longer valid.</summary>
    public async Task<ApiKeyLease> WatchAsync(string keyId, CancellationToken cancellationToken)
    {
        Watched watched;
        lock (_gate)
        {
            if (!_watched.TryGetValue(keyId, out watched!))
            {
                watched = new Watched(timeProvider);
                _watched[keyId] = watched;
            }

            watched.Connections++;
        }

        var lease = new ApiKeyLease(this, keyId, watched);
        try
        {
            // Checked after registering: a revocation the background pass has already handled is caught here.
            await CheckAsync(keyId, watched, cancellationToken);
            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>The number of keys with open connections (for tests and diagnostics).</summary>
    public int WatchedKeys
    {
        get
        {
            lock (_gate)
            {
                return _watched.Count;
            }
        }
    }

    internal void Release(string keyId, Watched watched)
    {
        lock (_gate)
        {
            if (--watched.Connections > 0)
            {
                return;
            }

            if (_watched.TryGetValue(keyId, out Watched? current) && ReferenceEquals(current, watched))
            {
                _watched.Remove(keyId);
            }
        }

        watched.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long known = notifier.Revision;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                known = await notifier.WaitForChangeAsync(known).WaitAsync(s_recheck, timeProvider, stoppingToken);
            }
            catch (TimeoutException)
            {
                // An hourly pass arms the timers of keys that expire far in the future.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            List<KeyValuePair<string, Watched>> watched;
            lock (_gate)
            {
                watched = [.. _watched];
            }

            foreach ((string keyId, Watched entry) in watched)
            {
                try
                {
                    await CheckAsync(keyId, entry, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ServerLog.KeyCheckFailed(logger, ex, keyId);
                }
            }
        }
    }

    private async Task CheckAsync(string keyId, Watched watched, CancellationToken cancellationToken)
    {
        if (watched.Token.IsCancellationRequested)
        {
            return;
        }

        ApiKeyRecord? record = await keys.GetAsync(keyId, cancellationToken);
        DateTimeOffset now = timeProvider.GetUtcNow();
        if (record is null || record.RevokedAt is not null || record.ExpiresAt <= now)
        {
            watched.End();
        }
        else if (record.ExpiresAt is { } expires && expires - now <= s_longestTimer)
        {
            // Timers count whole milliseconds (a fraction is dropped) on a clock other than the wall clock the key's
            // expiry is read against: without the margin a stream could end a moment before the key expires, and a
            // client reconnecting at once would still be let in.
            watched.EndAfter(TimeSpan.FromMilliseconds(Math.Ceiling((expires - now).TotalMilliseconds) + 1));
        }
    }

    /// <summary>One key's shared cancellation and the number of connections holding it.</summary>
    internal sealed class Watched : IDisposable
    {
        private readonly CancellationTokenSource _ended;

        public Watched(TimeProvider timeProvider)
        {
            _ended = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
            Token = _ended.Token;
        }

        public int Connections { get; set; }

        // Kept apart from the source: the token stays readable after the last connection disposed the source.
        public CancellationToken Token { get; }

        public void End()
        {
            try
            {
                _ended.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The last connection left meanwhile; nothing is listening.
            }
        }

        public void EndAfter(TimeSpan delay)
        {
            try
            {
                _ended.CancelAfter(delay);
            }
            catch (ObjectDisposedException)
            {
                // As above.
            }
        }

        public void Dispose() => _ended.Dispose();
    }
}
