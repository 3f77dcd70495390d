using System.Collections.Concurrent;
using FailSmart.Storage;

namespace FailSmart.Server.Auth;

/// <summary>Records when keys are used, at most once a minute per key, so authenticated reads do not each become a write.</summary>
internal sealed class ApiKeyUsage(IConfigStore store)
{
    private static readonly TimeSpan s_resolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRecorded = new(StringComparer.Ordinal);

    public async Task RecordAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_lastRecorded.TryGetValue(keyId, out DateTimeOffset last) && now - last < s_resolution)
        {
            return;
        }

        _lastRecorded[keyId] = now;
        await store.TouchApiKeyAsync(keyId, now, cancellationToken);
    }
}
