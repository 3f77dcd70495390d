using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>
/// An event store whose analyses were computed elsewhere: it answers with the file's sums, so
/// `failsmart stats analyze` runs the very analyzer (checks, decisions, verdict) that `failsmart analyze`
/// and the results endpoint run. The sample ratio check counts each variation's units as the largest count
/// any metric gives it (a metric over fewer units, such as a ratio over active users, would undercount).
/// </summary>
internal sealed class PrecomputedEventStore(StatisticsInput input) : IEventStore
{
    public string Role => "events";

    public string Provider => "sufficient-statistics";

    public Task<int> InitializeAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new StoreHealth(true, 0, "sufficient statistics from a file"));

    public Task<long> CountExposuresAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Units().Sum(u => u.Units));

    public Task<AppendResult> AppendAsync(EventBatch batch, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sufficient statistics are read from a file; events cannot be added.");

    public Task<ExposureSummary> SummarizeExposuresAsync(ExperimentScope scope, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ExposureSummary(Units(), 0, null, null));

    public Task<IReadOnlyList<ExperimentOverlap>> FindOverlapsAsync(ExperimentScope scope, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ExperimentOverlap>>([]);

    public Task<MetricAnalysis> AnalyzeMetricAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken = default)
    {
        InputMetric found = input.Metrics.First(m => m.Definition.Key == metric.Key);
        return Task.FromResult(new MetricAnalysis(metric.Key, found.Arms, null));
    }

    public Task<MetricBreakdown> AnalyzeBreakdownAsync(ExperimentScope scope, MetricDefinition metric, string attribute, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Sufficient statistics carry no unit attributes to break a metric down by.");

    private List<VariationUnits> Units() =>
        [.. input.Variations.Select((_, i) => new VariationUnits(i, input.Metrics.Max(m => m.Arms[i].Units)))];
}
