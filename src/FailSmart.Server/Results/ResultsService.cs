using System.Collections.Concurrent;
using System.Text.Json;
using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Results;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using FailSmart.Storage.Events;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Results;

/// <summary>
/// Finds the experiment and its metrics, runs the analysis and keeps the last result of each in the store
/// every replica shares (<see cref="SharedResults"/>), with this replica's <see cref="ResultsCache"/> in front.
/// A result is served as it is only while nothing it depends on changed (<see cref="ResultsMark"/>);
/// otherwise it is served marked stale while one replica computes a fresh one in the background. The replica's
/// name is its name in the leases (<c>Rollouts:Holder</c>).
/// </summary>
internal sealed class ResultsService(
    IConfigStore config,
    IEventStore events,
    RuleSetCache rules,
    ResultsCache cache,
    SharedResults shared,
    RolloutEngineOptions replica,
    ConfigChangeNotifier notifier,
    IOptions<ResultsOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILogger<ResultsService> logger)
{
    /// <summary>How long a replica's claim on recomputing an out-of-date result lasts, should it never finish.</summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Task> _refreshing = new(StringComparer.Ordinal);
    private long _analyses;

    public async Task<Experiment?> FindExperimentAsync(string environment, string key, CancellationToken cancellationToken) =>
        (await rules.GetAsync(environment, cancellationToken)).Evaluator.Configuration.Experiments.FirstOrDefault(e => e.Key == key);

    /// <summary>
    /// An archived experiment as its archived definition reads, so its results stay readable: the definition is
    /// loaded with the rest of the configuration as if it were still active. Null when there is no archived one.
    /// </summary>
    public async Task<Experiment?> FindArchivedExperimentAsync(string environment, string key, CancellationToken cancellationToken)
    {
        // The snapshot holds active resources only: the archived definition is read on its own.
        if (await config.GetAsync(ResourceKind.Experiment, key, cancellationToken) is not { Archived: true } archived)
        {
            return null;
        }

        var (resources, _) = await config.SnapshotAsync(cancellationToken);

        StoredResource restored = archived with { Archived = false };
        // With the rest of the configuration first (its flags and layers); alone when those have moved on since.
        foreach (IReadOnlyList<StoredResource> set in (IReadOnlyList<StoredResource>[])[[.. resources, restored], [restored]])
        {
            if (ConfigDocument.Parse(RuleSetDocument.Build(set, environment).ToJsonString()).Configuration is { } configuration)
            {
                return configuration.Experiments.FirstOrDefault(e => e.Key == key);
            }
        }

        return null;
    }

    /// <summary>The active experiment with this key, or else the archived one.</summary>
    public async Task<Experiment?> FindAnyExperimentAsync(string environment, string key, CancellationToken cancellationToken) =>
        await FindExperimentAsync(environment, key, cancellationToken) ?? await FindArchivedExperimentAsync(environment, key, cancellationToken);

    public async Task<IReadOnlyList<Experiment>> RunningExperimentsAsync(string environment, CancellationToken cancellationToken) =>
        [.. (await rules.GetAsync(environment, cancellationToken)).Evaluator.Configuration.Experiments.Where(e => e.Status == ExperimentStatus.Running)];

    public async Task<IReadOnlyList<Holdout>> HoldoutsAsync(string environment, CancellationToken cancellationToken) =>
        (await rules.GetAsync(environment, cancellationToken)).Evaluator.Configuration.Holdouts;

    public Task<IReadOnlyList<string>> EnvironmentsAsync(CancellationToken cancellationToken) => config.ListEnvironmentKeysAsync(cancellationToken);

    /// <summary>
    /// The named metric definitions; when <paramref name="keys"/> is null, the metrics the experiment names
    /// or, when it names none, every active one. Each takes the role and margin the experiment gives it
    /// (the definition's own when it gives none). Unknown keys become problems.
    /// </summary>
    public async Task<(IReadOnlyList<MetricSpec> Metrics, IReadOnlyList<FieldProblem> Problems)> LoadMetricsAsync(
        IReadOnlyList<string>? keys, Experiment? experiment, CancellationToken cancellationToken)
    {
        IReadOnlyList<MetricReference> named = experiment?.Metrics ?? [];
        keys ??= named.Count == 0 ? null : [.. named.Select(m => m.Key)];
        var (resources, _) = await config.SnapshotAsync(cancellationToken);
        StoredResource[] stored = [.. resources.Where(r => r.Kind == ResourceKind.Metric && !r.Archived).OrderBy(r => r.Key, StringComparer.Ordinal)];
        var problems = new List<FieldProblem>();
        var metrics = new List<MetricSpec>();
        foreach (string key in keys ?? [.. stored.Select(r => r.Key)])
        {
            StoredResource? resource = stored.FirstOrDefault(r => r.Key == key);
            if (resource is null)
            {
                problems.Add(new("metrics", $"There is no metric '{key}'.", "Create it with POST /api/v1/metrics, or list them with GET /api/v1/metrics."));
                continue;
            }

            using JsonDocument document = JsonDocument.Parse(resource.Document);
            (MetricSpec? metric, IReadOnlyList<FieldProblem> invalid) = MetricDocumentReader.Read(document.RootElement);
            problems.AddRange(invalid.Select(p => p with { Path = $"metrics/{key}: {p.Path}" }));
            if (metric is not null)
            {
                metrics.Add(named.FirstOrDefault(m => m.Key == key) is { } reference ? InRole(metric, reference) : metric);
            }
        }

        return (metrics, problems);
    }

    private static MetricSpec InRole(MetricSpec metric, MetricReference reference) => metric with
    {
        Definition = metric.Definition with
        {
            Role = reference.Role switch
            {
                MetricUse.Primary => MetricRole.Primary,
                MetricUse.Secondary => MetricRole.Secondary,
                MetricUse.Guardrail => MetricRole.Guardrail,
                _ => metric.Definition.Role,
            },
            NonInferiorityMargin = reference.Margin ?? metric.Definition.NonInferiorityMargin,
        },
    };

    /// <summary>How many analyses this replica ran since it started (not results read from the store or the front).</summary>
    public long Analyses => Interlocked.Read(ref _analyses);

    /// <summary>The shared result of a request, or null; for the scheduled refresh, which compares it with the mark itself.</summary>
    public Task<SharedResult?> SharedAsync(ResultsRequest request, CancellationToken cancellationToken) => shared.GetAsync(request, cancellationToken);

    /// <summary>Every request some replica asked for (or the leader refreshed), as stored.</summary>
    public Task<IReadOnlyList<ResultsRequest>> StoredRequestsAsync(CancellationToken cancellationToken) => shared.RequestsAsync(cancellationToken);

    /// <summary>
    /// The current result: from this replica's front while it covers the mark, else the shared one. A shared
    /// result that does not cover it is returned with <c>stale: true</c> and computed again in the background
    /// by one replica (the one that claims it); with no shared result, a fresh one, stored for every replica.
    /// </summary>
    public async Task<ExperimentResultsResponse> GetAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
    {
        ResultsMark now = await MarkAsync(cancellationToken);
        if (cache.Get(request) is ({ } front, ResultsMark frontMark) && frontMark.Covers(now))
        {
            return front;
        }

        if (await shared.GetAsync(request, cancellationToken) is not { } stored)
        {
            return await RefreshAsync(request, metrics, cancellationToken);
        }

        cache.Put(request, stored.Result, stored.Mark);
        if (stored.Mark.Covers(now))
        {
            return stored.Result;
        }

        _ = _refreshing.GetOrAdd(request.CacheKey, _ => Task.Run(() => RefreshInBackgroundAsync(request, metrics), CancellationToken.None));
        return stored.Result with { Stale = true };
    }

    /// <summary>
    /// Analyses now and stores the result for every replica; answers with the result the store kept, which is
    /// a newer one when another replica stored that meanwhile.
    /// </summary>
    public async Task<ExperimentResultsResponse> RefreshAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
    {
        // Read the mark first: anything stored while the analysis runs makes the result stale, never current.
        ResultsMark mark = await MarkAsync(cancellationToken);
        ExperimentResultsResponse result = await new ExperimentAnalyzer(events, clock) { Incremental = true, DependencyLookback = options.Value.DependencyLookback }
            .AnalyzeAsync(request.Environment, request.Experiment, metrics, request.Breakdown, cancellationToken);
        Interlocked.Increment(ref _analyses);
        SharedResult kept = await shared.PutAsync(request, result, mark, replica.Holder, cancellationToken);
        cache.Put(request, kept.Result, kept.Mark);
        return kept.Result;
    }

    /// <summary>The mark a result must cover to be current now.</summary>
    public async Task<ResultsMark> MarkAsync(CancellationToken cancellationToken) =>
        new(notifier.Revision, await events.StoredRowsAsync(cancellationToken));

    private async Task RefreshInBackgroundAsync(ResultsRequest request, IReadOnlyList<MetricSpec> metrics)
    {
        CancellationToken stopping = lifetime.ApplicationStopping;
        bool claimed = false;
        try
        {
            // Another replica that found it out of date first is computing it; its result reaches this one through the store.
            claimed = await shared.TryClaimAsync(request, replica.Holder, clock.GetUtcNow(), ClaimDuration, stopping);
            if (claimed && await shared.GetAsync(request, stopping) is { } stored && stored.Mark.Covers(await MarkAsync(stopping)))
            {
                // Another replica stored a current result between this one's read and its claim.
                cache.Put(request, stored.Result, stored.Mark);
            }
            else if (claimed)
            {
                // Storing the result gave the claim up, unless a newer one was stored meanwhile: released below either way.
                await RefreshAsync(request, metrics, stopping);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServerLog.ResultsRefreshFailed(logger, ex);
        }
        catch (OperationCanceledException)
        {
            // shutting down: the next reader computes it again
        }
        finally
        {
            if (claimed)
            {
                await ReleaseQuietlyAsync(request);
            }

            _refreshing.TryRemove(request.CacheKey, out _);
        }
    }

    private async Task ReleaseQuietlyAsync(ResultsRequest request)
    {
        try
        {
            await shared.ReleaseAsync(request, replica.Holder, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim expires by itself.
            ServerLog.ResultsRefreshFailed(logger, ex);
        }
    }

    public static ExperimentSubject Subject(Experiment experiment, int phase) =>
        new(experiment.Key, phase, [.. experiment.Variations.Select(v => (v.Key, v.Weight))], Factorial(experiment));

    /// <summary>A factorial launch's features, and the minimum effect its metrics name (the primary one's sizes the plan).</summary>
    private static FactorialSubject? Factorial(Experiment experiment) => experiment.Factorial is not { } design
        ? null
        : new FactorialSubject(
            [.. design.Features.Select(f => f.Flag)],
            experiment.Metrics.Where(m => m.MinimumEffect is not null).DistinctBy(m => m.Key).ToDictionary(m => m.Key, m => Math.Abs(m.MinimumEffect!.Value), StringComparer.Ordinal));
}
