using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Application.Tests.Rollouts;

/// <summary>An event store that answers the two reads the engine makes with given numbers and records the scopes it was asked about.</summary>
internal sealed class ScriptedEventStore : IEventStore
{
    public List<VariationUnits> Units { get; } = [];

    public Dictionary<string, List<VariationStatistics>> Metrics { get; } = [];

    public List<ExperimentScope> Scopes { get; } = [];

    public string Role => "events";

    public string Provider => "scripted";

    public Task<int> InitializeAsync(CancellationToken cancellationToken = default) => Task.FromResult(1);

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) => Task.FromResult(new StoreHealth(true, 1, "memory"));

    public Task<long> CountExposuresAsync(CancellationToken cancellationToken = default) => Task.FromResult(0L);

    public Task<AppendResult> AppendAsync(EventBatch batch, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ExposureSummary> SummarizeExposuresAsync(ExperimentScope scope, CancellationToken cancellationToken = default)
    {
        Scopes.Add(scope);
        return Task.FromResult(new ExposureSummary([.. Units], 0, null, null));
    }

    public Task<IReadOnlyList<ExperimentOverlap>> FindOverlapsAsync(ExperimentScope scope, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<MetricAnalysis> AnalyzeMetricAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken = default) =>
        Task.FromResult(new MetricAnalysis(metric.Key, Metrics.TryGetValue(metric.Key, out List<VariationStatistics>? v) ? v : [], null));

    public Task<MetricBreakdown> AnalyzeBreakdownAsync(ExperimentScope scope, MetricDefinition metric, string attribute, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
