using FailSmart.Application.Collisions;
using FailSmart.Application.Problems;
using FailSmart.Core.Model;
using FailSmart.Storage;
using CoreConfiguration = FailSmart.Core.Model.Configuration;

namespace FailSmart.Application.Results;

internal sealed class ExperimentListService(IConfigStore store) : IExperimentListService
{
    public async Task<ServiceResult<IReadOnlyList<ExperimentSummary>>> ListAsync(string environment, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        if (!environments.Contains(environment, StringComparer.Ordinal))
        {
            return ServiceProblems.NotFound("environment", environment);
        }

        var (resources, _) = await store.SnapshotAsync(cancellationToken);
        CoreConfiguration configuration = ConfigurationOf.Build(resources) ?? CoreConfiguration.Empty;
        ILookup<string, string> flagsByExperiment = configuration.Flags
            .SelectMany(flag => flag.Environments.TryGetValue(environment, out FlagEnvironment? state)
                ? state.Rules.Select(rule => rule.Action).OfType<ExperimentAction>().Select(action => (action.ExperimentKey, Flag: flag.Key))
                : [])
            .Distinct()
            .ToLookup(pair => pair.ExperimentKey, pair => pair.Flag, StringComparer.Ordinal);

        IReadOnlyList<ExperimentSummary> summaries = [.. configuration.Experiments
            .Select(e => new ExperimentSummary(e.Key, e.Hypothesis, e.Status.ToString().ToLowerInvariant(), e.Phase, e.Layer?.LayerKey,
                [.. flagsByExperiment[e.Key].Order(StringComparer.Ordinal)]))
            .OrderBy(s => s.Flags.Count == 0)
            .ThenBy(s => s.Key, StringComparer.Ordinal)];
        return new ServiceResult<IReadOnlyList<ExperimentSummary>>(ServiceOutcome.Unchanged, summaries);
    }
}
