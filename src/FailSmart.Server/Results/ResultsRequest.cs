namespace FailSmart.Server.Results;

/// <summary>One analysis the cache holds and the refresher repeats.</summary>
internal sealed record ResultsRequest(string Environment, ExperimentSubject Experiment, IReadOnlyList<string> MetricKeys, string? Breakdown)
{
    public string CacheKey => string.Join('\n', Environment, Experiment.Key, Experiment.Phase, string.Join(',', MetricKeys), Breakdown ?? "");
}
