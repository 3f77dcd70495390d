using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// Presents every FailSmart flag as a Microsoft.FeatureManagement feature, enabled through the
/// "FailSmart" filter (see <see cref="FailSmartFeatureCheck"/>; nothing is evaluated here). A feature
/// FailSmart does not define is looked up in the application's own definitions (its FeatureManagement
/// configuration), so features not yet moved to FailSmart keep their answer; a FailSmart flag of the
/// same name wins as soon as it exists.
/// </summary>
internal sealed class FailSmartFeatureDefinitionProvider(
    IFailSmartClient client,
    IFeatureDefinitionProvider? configured,
    bool ownsConfigured,
    ILogger logger) : IFeatureDefinitionProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, byte> _loggedFromConfiguration = new(StringComparer.OrdinalIgnoreCase);
    private FlagKeySet _keys = new([]);

    public async Task<FeatureDefinition> GetFeatureDefinitionAsync(string featureName)
    {
        if (Keys().Set.Contains(featureName))
        {
            return new FailSmartFeatureCheck(featureName).Definition;
        }

        if (configured is null)
        {
            return null!; // the feature manager treats a missing definition as "not defined" (disabled)
        }

        FeatureDefinition? definition = await configured.GetFeatureDefinitionAsync(featureName).ConfigureAwait(false);
        if (definition is not null && _loggedFromConfiguration.TryAdd(featureName, 0))
        {
            FeatureManagementLog.ServedFromConfiguration(logger, featureName);
        }

        return definition!;
    }

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        FlagKeySet keys = Keys();
        foreach (string key in keys.Source)
        {
            yield return new FailSmartFeatureCheck(key).Definition;
        }

        if (configured is not null)
        {
            await foreach (FeatureDefinition definition in configured.GetAllFeatureDefinitionsAsync().ConfigureAwait(false))
            {
                if (!keys.Set.Contains(definition.Name))
                {
                    yield return definition;
                }
            }
        }
    }

    public void Dispose()
    {
        if (ownsConfigured)
        {
            (configured as IDisposable)?.Dispose();
        }
    }

    /// <summary>The client's flag keys as a set, rebuilt only when a new rule set brings a new key collection.</summary>
    private FlagKeySet Keys()
    {
        IReadOnlyCollection<string> current = client.FlagKeys;
        FlagKeySet keys = Volatile.Read(ref _keys);
        if (!ReferenceEquals(keys.Source, current))
        {
            keys = new FlagKeySet(current);
            Volatile.Write(ref _keys, keys);
        }

        return keys;
    }

    private sealed class FlagKeySet(IReadOnlyCollection<string> source)
    {
        public IReadOnlyCollection<string> Source { get; } = source;

        public HashSet<string> Set { get; } = new(source, StringComparer.Ordinal);
    }
}
