namespace FailSmart.Server.Auth;

/// <summary>
/// A long-lived connection's hold on its API key: <see cref="Ended"/> is cancelled when the key is
/// revoked or expires. Dispose it when the connection closes.
/// </summary>
internal sealed class ApiKeyLease : IDisposable
{
    private readonly ApiKeyConnectionWatch _watch;
    private readonly string _keyId;
    private readonly ApiKeyConnectionWatch.Watched _watched;
    private int _disposed;

    internal ApiKeyLease(ApiKeyConnectionWatch watch, string keyId, ApiKeyConnectionWatch.Watched watched)
    {
        _watch = watch;
        _keyId = keyId;
        _watched = watched;
    }

    /// <summary>Cancelled once the key stops being valid.</summary>
    public CancellationToken Ended => _watched.Token;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _watch.Release(_keyId, _watched);
        }
    }
}
