using System.Collections.Concurrent;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Auth;

/// <summary>
/// Keeps API key records between requests, so authenticating an evaluation is not a database read.
/// Every key change (create, revoke) advances the configuration revision, so an entry read at the
/// newest revision this process knows of is current; a revocation here also drops the entry at once,
/// and one made by another replica is seen when this process hears of the new revision (announced by
/// PostgreSQL as it commits, or read by the revision poller).
/// Only keys that exist are kept, so unknown ids cannot fill it.
/// </summary>
internal sealed class ApiKeyCache(IConfigStore store, ConfigChangeNotifier notifier)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        long revision = notifier.Revision;
        if (_entries.TryGetValue(id, out Entry? entry) && entry.Revision == revision)
        {
            return entry.Record;
        }

        // Read the revision before the record: a change made during the read leaves the entry stale.
        ApiKeyRecord? record = await store.GetApiKeyAsync(id, cancellationToken);
        if (record is null)
        {
            _entries.TryRemove(id, out _);
            return null;
        }

        _entries[id] = new Entry(record, revision);
        return record;
    }

    public void Invalidate(string id) => _entries.TryRemove(id, out _);

    private sealed record Entry(ApiKeyRecord Record, long Revision);
}
