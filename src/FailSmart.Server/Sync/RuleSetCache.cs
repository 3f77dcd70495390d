using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using FailSmart.Core.Evaluation;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Sync;

/// <summary>
/// Builds each environment's rule set once per revision and hands the same bytes and evaluator to every
/// SDK download, stream and OFREP call until the configuration changes. It keeps each environment's last
/// <see cref="WindowSize"/> rule sets, the delta window: a stream resumed at one of them gets a patch.
/// </summary>
internal sealed class RuleSetCache(IConfigStore store, ConfigChangeNotifier notifier) : IDisposable
{
    /// <summary>How many recent revisions of each environment a resumed stream can be patched from.</summary>
    public const int WindowSize = 32;

    private readonly ConcurrentDictionary<string, RuleSet> _byEnvironment = new(StringComparer.Ordinal);
    // Newest last; replaced whole under _rebuild, so readers need no lock.
    private readonly ConcurrentDictionary<string, RuleSet[]> _windows = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _rebuild = new(1, 1);

    /// <summary>The rule set at <paramref name="revision"/> if it is still in the delta window.</summary>
    public bool TryGetRecent(string environment, long revision, out RuleSet? ruleSet)
    {
        ruleSet = _windows.TryGetValue(environment, out RuleSet[]? window)
            ? Array.Find(window, r => r.Revision == revision)
            : null;
        return ruleSet is not null;
    }

    /// <summary>The rule set when it is already built at the newest revision: no task, for the fan-out's many streams.</summary>
    public bool TryGetCurrent(string environment, [NotNullWhen(true)] out RuleSet? ruleSet) =>
        _byEnvironment.TryGetValue(environment, out ruleSet) && ruleSet.Revision >= notifier.Revision;

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
            RuleSet built = Build(environment, resources, revision, cached);
            _byEnvironment[environment] = built;
            RuleSet[] window = _windows.TryGetValue(environment, out RuleSet[]? old) ? old : [];
            _windows[environment] = [.. window.Skip(Math.Max(0, window.Length - WindowSize + 1)), built];
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

    private static RuleSet Build(string environment, IReadOnlyList<StoredResource> resources, long revision, RuleSet? previous)
    {
        // Ordinal key order, whatever the store's collation, so a client applying a patch rebuilds these exact bytes.
        StoredResource[] ordered = [.. resources.OrderBy(r => r.Key, StringComparer.Ordinal)];
        string json = RuleSetDocument.Build(ordered, environment).ToJsonString();
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        if (previous is not null && bytes.AsSpan().SequenceEqual(previous.Json))
        {
            // Another environment changed: the same document and evaluator, known at the newer revision.
            return new RuleSet(environment, revision, previous.Json, previous.ETag, previous.Evaluator);
        }

        ConfigLoadResult loaded = ConfigDocument.Parse(json);
        // Every write was validated, so a stored configuration that no longer loads is a fault worth failing loudly on.
        Core.Model.Configuration configuration = loaded.Configuration
            ?? throw new InvalidOperationException($"The stored configuration does not load: {string.Join("; ", loaded.Problems)}");
        string etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..32] + "\"";
        return new RuleSet(environment, revision, bytes, etag, new Evaluator(configuration, environment));
    }
}
