using System.Collections.Concurrent;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Results;

/// <summary>
/// Computes results over time and keeps the last of each. A timeline is one analysis per day and metric, so
/// it is served from the cache while nothing it was computed from changed (<see cref="ResultsMark"/>) and
/// the UTC day is the same (a new day adds a point); otherwise it is computed again, once however many ask
/// at the same time.
/// </summary>
internal sealed class ResultsTimelines(
    IEventStore events,
    ConfigChangeNotifier notifier,
    IOptions<ResultsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (ExperimentTimelineResponse Timeline, ResultsMark Mark)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ExperimentTimelineResponse>>> _computing = new(StringComparer.Ordinal);
    private long _computed;

    /// <summary>How many timelines were computed (not served from the cache) since the server started.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    public async Task<ExperimentTimelineResponse> GetAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(request.CacheKey, out var entry)
            && entry.Mark == await MarkAsync(cancellationToken)
            && entry.Timeline.ComputedAt.UtcDateTime.Date == clock.GetUtcNow().UtcDateTime.Date)
        {
            return entry.Timeline;
        }

        var mine = new Lazy<Task<ExperimentTimelineResponse>>(() => ComputeAsync(request, metrics));
        Lazy<Task<ExperimentTimelineResponse>> running = _computing.GetOrAdd(request.CacheKey, mine);
        if (ReferenceEquals(running, mine))
        {
            _ = mine.Value.ContinueWith(
                _ => _computing.TryRemove(new KeyValuePair<string, Lazy<Task<ExperimentTimelineResponse>>>(request.CacheKey, mine)),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return await running.Value.WaitAsync(cancellationToken);
    }

    // Runs to the end even when the first caller gives up: others may be waiting for it.
    private async Task<ExperimentTimelineResponse> ComputeAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics)
    {
        CancellationToken stopping = lifetime.ApplicationStopping;
        // Read the mark first: anything stored while the analysis runs makes the timeline out of date, never current.
        ResultsMark mark = await MarkAsync(stopping);
        ExperimentTimelineResponse timeline = await new ExperimentAnalyzer(events, clock) { DependencyLookback = options.Value.DependencyLookback }
            .AnalyzeOverTimeAsync(request.Environment, request.Experiment, metrics, stopping);
        Interlocked.Increment(ref _computed);
        _cache[request.CacheKey] = (timeline, mark);
        return timeline;
    }

    private async Task<ResultsMark> MarkAsync(CancellationToken cancellationToken) =>
        new(notifier.Revision, await events.StoredRowsAsync(cancellationToken));
}
