using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FailSmart.Core.Evaluation;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Sync;

/// <summary>
/// Builds each environment's rule set once per revision and hands the same bytes and evaluator to every
/// SDK download, stream and OFREP call until the configuration changes.
/// </summary>
internal sealed class RuleSetCache(IConfigStore store, ConfigChangeNotifier notifier) : IDisposable
{
    private readonly ConcurrentDictionary<string, RuleSet> _byEnvironment = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _rebuild = new(1, 1);

    public async Task<RuleSet> GetAsync(string environment, CancellationToken cancellationToken)
    {
        if (_byEnvironment.TryGetValue(environment, out RuleSet? cached) && cached.Revision >= notifier.Revision)
        {
            return cached;
        }

        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            if (_byEnvironment.TryGetValue(environment, out cached) && cached.Revision >= notifier.Revision)
            {
                return cached;
            }

            var (resources, revision) = await store.SnapshotAsync(cancellationToken);
            notifier.Publish(revision);
            RuleSet built = Build(environment, resources, revision);
            _byEnvironment[environment] = built;
            return built;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    /// <summary>
    /// <paramref name="seen"/>, or the rule set at the store's current revision when that is newer. For a
    /// request naming something <paramref name="seen"/> lacks: another replica may have created it a moment
    /// ago, which this replica's revision poll would only hear of within a second.
    /// </summary>
    public async Task<RuleSet> GetCurrentAsync(RuleSet seen, CancellationToken cancellationToken)
    {
        long current = await store.GetRevisionAsync(cancellationToken);
        if (current <= seen.Revision)
        {
            return seen;
        }

        notifier.Publish(current);
        return await GetAsync(seen.Environment, cancellationToken);
    }

    public void Dispose() => _rebuild.Dispose();

    private static RuleSet Build(string environment, IReadOnlyList<StoredResource> resources, long revision)
    {
        string json = RuleSetDocument.Build(resources, environment).ToJsonString();
        ConfigLoadResult loaded = ConfigDocument.Parse(json);
        // Every write was validated, so a stored configuration that no longer loads is a fault worth failing loudly on.
        Core.Model.Configuration configuration = loaded.Configuration
            ?? throw new InvalidOperationException($"The stored configuration does not load: {string.Join("; ", loaded.Problems)}");
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        return new RuleSet(environment, revision, bytes, etag, new Evaluator(configuration, environment));
    }
}
