using FailSmart.Protocol.Admin;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Results;

/// <summary>
/// Re-analyses, every <see cref="ResultsOptions.RefreshInterval"/>, each running experiment's current phase
/// in every environment (with every active metric) and every analysis someone asked for, so the results
/// endpoint answers from the cache. A failed refresh keeps the previous results.
/// </summary>
internal sealed class ResultsRefresher(IServiceProvider services, IOptions<ResultsOptions> options, TimeProvider clock, ILogger<ResultsRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.RefreshInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                int refreshed = await RefreshAllAsync(stoppingToken);
                ServerLog.ResultsRefreshed(logger, refreshed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServerLog.ResultsRefreshFailed(logger, ex);
            }
        }
    }

    internal async Task<int> RefreshAllAsync(CancellationToken cancellationToken)
    {
        ResultsService results = services.GetRequiredService<ResultsService>();
        var requests = new Dictionary<string, ResultsRequest>(StringComparer.Ordinal);
        foreach (string environment in await results.EnvironmentsAsync(cancellationToken))
        {
            foreach (Core.Model.Experiment experiment in await results.RunningExperimentsAsync(environment, cancellationToken))
            {
                (IReadOnlyList<MetricSpec> named, _) = await results.LoadMetricsAsync(null, experiment, cancellationToken);
                var request = new ResultsRequest(environment, ResultsService.Subject(experiment, experiment.Phase), [.. named.Select(m => m.Definition.Key)], null);
                requests[request.CacheKey] = request;
            }
        }

        foreach (ResultsRequest cached in results.CachedRequests)
        {
            requests[cached.CacheKey] = cached;
        }

        int count = 0;
        foreach (ResultsRequest request in requests.Values)
        {
            Core.Model.Experiment? experiment = await results.FindAnyExperimentAsync(request.Environment, request.Experiment.Key, cancellationToken);
            (IReadOnlyList<MetricSpec> metrics, IReadOnlyList<FieldProblem> problems) = await results.LoadMetricsAsync(request.MetricKeys, experiment, cancellationToken);
            if (problems.Count == 0)
            {
                await results.RefreshAsync(request, metrics, cancellationToken);
                count++;
            }
        }

        return count;
    }
}
