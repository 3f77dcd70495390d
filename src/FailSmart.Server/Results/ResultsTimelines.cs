using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using FailSmart.Application.Rollouts;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Results;

/// <summary>
/// Results over time, shared by every replica like the results themselves: each request's last timeline is
/// kept in the configuration store (<see cref="IResultStore"/>, under its own key) with the mark it was
/// computed at, and this replica keeps the last one it served in front of it. A timeline is one analysis per
/// day and metric, so it is served while nothing it was computed from changed (<see cref="ResultsMark"/>) and
/// the UTC day is the same (a new day adds a point). An out-of-date stored timeline is computed again by one
/// replica, the one that claims its row (as out-of-date results are): the others wait for what it stores, up to
/// <see cref="ResultsOptions.TimelineWait"/>, then serve the stored one, whose <c>computedAt</c> says how old it
/// is. On one replica it is computed once however many ask at the same time. Every replica serves the stored
/// document, so two of them behind a load balancer answer with the same timeline.
/// </summary>
internal sealed class ResultsTimelines(
    IEventStore events,
    IResultStore store,
    RolloutEngineOptions replica,
    ConfigChangeNotifier notifier,
    IOptions<ResultsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<ResultsTimelines> logger)
{
    private const string KeyPrefix = "timeline-";
    private static readonly JsonSerializerOptions s_json = JsonSerializerOptions.Web;

    /// <summary>How often a replica waiting for another's timeline reads the store again.</summary>
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, (ExperimentTimelineResponse Timeline, ResultsMark Mark)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ExperimentTimelineResponse>>> _computing = new(StringComparer.Ordinal);
    private long _computed;

    /// <summary>How many timelines this replica computed (not served from its memory or the store) since it started.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    public async Task<ExperimentTimelineResponse> GetAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
    {
        ResultsMark now = await MarkAsync(cancellationToken);
        if (_cache.TryGetValue(request.CacheKey, out var entry) && Current(entry.Timeline, entry.Mark, now))
        {
            return entry.Timeline;
        }

        StoredResult? stored = await store.GetResultAsync(SharedResults.Key(KeyPrefix, request), cancellationToken);
        if (stored is not null && Read(stored) is var (timeline, mark) && Current(timeline, mark, now))
        {
            _cache[request.CacheKey] = (timeline, mark);
            return timeline;
        }

        var mine = new Lazy<Task<ExperimentTimelineResponse>>(() => stored is null ? ComputeAsync(request, metrics) : RecomputeOnceAsync(request, metrics, stored));
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

    // Current while it covers the mark read now and was computed today: its last point is "now" of that day.
    private bool Current(ExperimentTimelineResponse timeline, ResultsMark mark, ResultsMark now) =>
        mark.Covers(now) && timeline.ComputedAt.UtcDateTime.Date == clock.GetUtcNow().UtcDateTime.Date;

    /// <summary>
    /// An out-of-date stored timeline, computed again by the one replica that claims its row; the others read
    /// the store until it holds a newer one, or a claim they can take (the claimant failed), for up to
    /// <see cref="ResultsOptions.TimelineWait"/>, then serve <paramref name="outOfDate"/> (not kept in front, so
    /// the next request looks again). A timeline never stored has no row to claim: the replica asked computes it.
    /// </summary>
    private async Task<ExperimentTimelineResponse> RecomputeOnceAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics, StoredResult outOfDate)
    {
        CancellationToken stopping = lifetime.ApplicationStopping;
        string key = SharedResults.Key(KeyPrefix, request);
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            DateTimeOffset at = clock.GetUtcNow();
            if (await store.TryClaimResultAsync(key, replica.Holder, at, at + ResultsService.ClaimDuration, stopping))
            {
                try
                {
                    // Another replica may have stored a newer one between this replica's read and its claim.
                    return await store.GetResultAsync(key, stopping) is { } latest && latest.IsNewerThan(outOfDate)
                        ? Keep(request, latest)
                        : await ComputeAsync(request, metrics);
                }
                finally
                {
                    // Storing gave the claim up unless a newer timeline won; a failed computation leaves it to the next reader.
                    await ReleaseQuietlyAsync(key);
                }
            }

            if (await store.GetResultAsync(key, stopping) is { } stored && stored.IsNewerThan(outOfDate))
            {
                return Keep(request, stored);
            }

            if (Stopwatch.GetElapsedTime(started) >= options.Value.TimelineWait)
            {
                return Read(outOfDate).Timeline;
            }

            await Task.Delay(s_poll, stopping);
        }
    }

    // The timeline the store holds, kept in front as this replica's last.
    private ExperimentTimelineResponse Keep(ResultsRequest request, StoredResult stored)
    {
        (ExperimentTimelineResponse timeline, ResultsMark mark) = Read(stored);
        _cache[request.CacheKey] = (timeline, mark);
        return timeline;
    }

    private async Task ReleaseQuietlyAsync(string key)
    {
        try
        {
            await store.ReleaseResultClaimAsync(key, replica.Holder, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim expires by itself.
            ServerLog.ResultsRefreshFailed(logger, ex);
        }
    }

    // Runs to the end even when the first caller gives up: others may be waiting for it.
    private async Task<ExperimentTimelineResponse> ComputeAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics)
    {
        CancellationToken stopping = lifetime.ApplicationStopping;
        // Read the mark first: anything stored while the analysis runs makes the timeline out of date, never current.
        ResultsMark mark = await MarkAsync(stopping);
        ExperimentTimelineResponse computed = await new ExperimentAnalyzer(events, clock) { DependencyLookback = options.Value.DependencyLookback }
            .AnalyzeOverTimeAsync(request.Environment, request.Experiment, metrics, stopping);
        Interlocked.Increment(ref _computed);

        // The store keeps the newer of this and one another replica stored meanwhile; serve that one, as it will.
        StoredResult kept = await store.PutResultAsync(
            new StoredResult(
                SharedResults.Key(KeyPrefix, request),
                SharedResults.RequestJson(request),
                JsonSerializer.Serialize(computed, s_json),
                mark.ConfigRevision,
                mark.StoredRows,
                computed.ComputedAt,
                replica.Holder),
            stopping);
        (ExperimentTimelineResponse timeline, ResultsMark keptMark) = Read(kept);
        _cache[request.CacheKey] = (timeline, keptMark);
        return timeline;
    }

    private static (ExperimentTimelineResponse Timeline, ResultsMark Mark) Read(StoredResult stored) =>
        (JsonSerializer.Deserialize<ExperimentTimelineResponse>(stored.Document, s_json)!, new ResultsMark(stored.ConfigRevision, stored.StoredRows));

    private async Task<ResultsMark> MarkAsync(CancellationToken cancellationToken) =>
        new(notifier.Revision, await events.StoredRowsAsync(cancellationToken));
}
