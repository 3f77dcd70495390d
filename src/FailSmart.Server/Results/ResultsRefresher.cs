using System.Data.Common;
using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Results;

/// <summary>
/// Every <see cref="ResultsOptions.RefreshInterval"/>, on the one replica that holds the
/// <see cref="ResultsOptions.LeaseName"/> lease, re-analyses each running experiment's current phase in every
/// environment (with its metrics) and every stored analysis of a running experiment or a holdout, and stores
/// the results for every replica. A result that is still current and was computed today is left as it is, so
/// nothing is analysed twice for the same events; results nobody refreshed or asked for within
/// <see cref="ResultsOptions.KeepFor"/> are deleted. Every replica runs one; another takes over when the leader
/// stops renewing. A failed refresh keeps the previous results.
/// </summary>
internal sealed class ResultsRefresher(
    IServiceProvider services, IRolloutStore leases, IResultStore store, RolloutEngineOptions replica, IOptions<ResultsOptions> options, TimeProvider clock, ILogger<ResultsRefresher> logger)
    : BackgroundService
{
    private long _rounds;
    private long _refreshed;
    private bool _leader;

    /// <summary>How many scheduled rounds this replica started, leader or not.</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>How many analyses this replica's scheduled rounds ran.</summary>
    public long Refreshed => Interlocked.Read(ref _refreshed);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.RefreshInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    Interlocked.Increment(ref _rounds);
                    if (await LeadAsync(stoppingToken))
                    {
                        int refreshed = await RefreshAllAsync(stoppingToken);
                        ServerLog.ResultsRefreshed(logger, refreshed);
                        await store.DeleteResultsComputedBeforeAsync(clock.GetUtcNow() - options.Value.KeepFor, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    ServerLog.ResultsRefreshFailed(logger, ex);
                }
            }
        }
        finally
        {
            if (_leader)
            {
                await ReleaseLeaseAsync();
            }
        }
    }

    // Hands over now rather than when the lease expires; if the store is away, it expires by itself.
    private async Task ReleaseLeaseAsync()
    {
        try
        {
            await leases.ReleaseLeaseAsync(ResultsOptions.LeaseName, replica.Holder, CancellationToken.None);
        }
        catch (DbException ex)
        {
            ServerLog.ResultsRefreshFailed(logger, ex);
        }
    }

    private async Task<bool> LeadAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        bool leader = await leases.TryAcquireLeaseAsync(ResultsOptions.LeaseName, replica.Holder, now, now + options.Value.EffectiveLeaseDuration, cancellationToken);
        if (leader != _leader)
        {
            _leader = leader;
            if (leader)
            {
                ServerLog.BecameResultsLeader(logger, replica.Holder);
            }
            else
            {
                ServerLog.LostResultsLeadership(logger, replica.Holder);
            }
        }

        return leader;
    }

    /// <summary>Refreshes every result that is out of date now, leader or not; returns how many it analysed.</summary>
    internal async Task<int> RefreshAllAsync(CancellationToken cancellationToken)
    {
        ResultsService results = services.GetRequiredService<ResultsService>();
        var requests = new Dictionary<string, ResultsRequest>(StringComparer.Ordinal);
        var holdouts = new HashSet<(string, string)>();
        foreach (string environment in await results.EnvironmentsAsync(cancellationToken))
        {
            foreach (Experiment experiment in await results.RunningExperimentsAsync(environment, cancellationToken))
            {
                (IReadOnlyList<MetricSpec> named, _) = await results.LoadMetricsAsync(null, experiment, cancellationToken);
                var request = new ResultsRequest(environment, ResultsService.Subject(experiment, experiment.Phase), [.. named.Select(m => m.Definition.Key)], null);
                requests[request.CacheKey] = request;
            }

            foreach (Holdout holdout in await results.HoldoutsAsync(environment, cancellationToken))
            {
                holdouts.Add((environment, HoldoutArmKeys.AnalysisKey(holdout.Key)));
            }
        }

        var running = new HashSet<(string, string)>(requests.Values.Select(r => (r.Environment, r.Experiment.Key)));
        foreach (ResultsRequest stored in await results.StoredRequestsAsync(cancellationToken))
        {
            // A stopped experiment's results are computed again when someone reads them, not on a schedule.
            if (running.Contains((stored.Environment, stored.Experiment.Key)) || holdouts.Contains((stored.Environment, stored.Experiment.Key)))
            {
                requests.TryAdd(stored.CacheKey, stored);
            }
        }

        int count = 0;
        ResultsMark now = await results.MarkAsync(cancellationToken);
        DateTime today = clock.GetUtcNow().UtcDateTime.Date;
        foreach (ResultsRequest request in requests.Values)
        {
            if (await results.SharedAsync(request, cancellationToken) is { } shared
                && shared.Mark.Covers(now) && shared.Result.ComputedAt?.UtcDateTime.Date == today)
            {
                continue;
            }

            Experiment? experiment = await results.FindAnyExperimentAsync(request.Environment, request.Experiment.Key, cancellationToken);
            (IReadOnlyList<MetricSpec> metrics, IReadOnlyList<FieldProblem> problems) = await results.LoadMetricsAsync(request.MetricKeys, experiment, cancellationToken);
            if (problems.Count == 0)
            {
                await results.RefreshAsync(request, metrics, cancellationToken);
                Interlocked.Increment(ref _refreshed);
                count++;
            }
        }

        return count;
    }
}
