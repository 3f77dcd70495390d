using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Results;

/// <summary>
/// <see cref="IExperimentResultsService"/> over the server's analysis and results cache: checks the query
/// against the configuration (environment, experiment, phase, metrics, breakdown), then reads or refreshes.
/// The API and the web UI both come through here, so they refuse the same queries in the same words.
/// Results over time go through the same checks and the same per-metric comparison, one analysis per day.
/// An archived experiment's results stay readable, analysed from its archived definition and marked archived.
/// </summary>
internal sealed class ExperimentResultsService(ResultsService results, ResultsTimelines timelines, MetricBaselines baselines, IConfigStore config) : IExperimentResultsService
{
    public async Task<ServiceResult<ExperimentResultsResponse>> GetAsync(ResultsQuery query, CancellationToken cancellationToken = default)
    {
        (ResultsRequest? request, IReadOnlyList<MetricSpec> specs, ServiceProblem? problem) = await ResolveAsync(query, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        ExperimentResultsResponse result = query.Refresh
            ? await results.RefreshAsync(request!, specs, cancellationToken)
            : await results.GetAsync(request!, specs, cancellationToken);
        if (await results.FindExperimentAsync(query.Environment, query.Experiment, cancellationToken) is null)
        {
            AuditEntry? archive = (await config.QueryAuditAsync(new AuditQuery(Kind: "experiment", Key: query.Experiment, Limit: 1), cancellationToken))
                .FirstOrDefault(e => e.Action == "archive");
            result = result with { Archived = true, ArchivedAt = archive?.At, ArchivedBy = archive?.Actor };
        }

        return new(ServiceOutcome.Unchanged, result);
    }

    public async Task<ServiceResult<ExperimentTimelineResponse>> TimelineAsync(ResultsQuery query, CancellationToken cancellationToken = default)
    {
        // A timeline has no breakdown: refuse one rather than silently ignore it.
        if (query.Breakdown is not null)
        {
            return ServiceProblems.Invalid("breakdown", "Results over time are not broken down.", "Leave breakdown out; read a breakdown from the results.");
        }

        (ResultsRequest? request, IReadOnlyList<MetricSpec> specs, ServiceProblem? problem) = await ResolveAsync(query, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return new(ServiceOutcome.Unchanged, await timelines.GetAsync(request!, specs, cancellationToken));
    }

    public async Task<ServiceResult<MetricBaselineResponse>> BaselineAsync(MetricBaselineQuery query, CancellationToken cancellationToken = default) =>
        await baselines.GetAsync(query, await results.EnvironmentsAsync(cancellationToken), cancellationToken);

    /// <summary>The analysis request for a query, with its metrics; or the problem that refuses it.</summary>
    internal async Task<(ResultsRequest? Request, IReadOnlyList<MetricSpec> Metrics, ServiceProblem? Problem)> ResolveAsync(ResultsQuery query, CancellationToken cancellationToken)
    {
        if (!(await results.EnvironmentsAsync(cancellationToken)).Contains(query.Environment, StringComparer.Ordinal))
        {
            return (null, [], ServiceProblems.Invalid("environment", $"There is no environment '{query.Environment}'.", "List them with GET /api/v1/environments; the default is production."));
        }

        var problems = new List<FieldProblem>();
        if (query.Breakdown is not null && !ResourceKeys.IsValid(query.Breakdown))
        {
            problems.Add(new("breakdown", $"'{query.Breakdown}' is not a valid attribute name.", "Use the name of an exposure property, such as country."));
        }

        Experiment? experiment = await results.FindAnyExperimentAsync(query.Environment, query.Experiment, cancellationToken);
        if (experiment is null)
        {
            return (null, [], ServiceProblems.NotFound("experiment", query.Experiment));
        }

        int analysed = query.Phase ?? experiment.Phase;
        if (analysed < 1 || analysed > experiment.Phase)
        {
            problems.Add(new("phase", $"'{query.Phase}' is not a phase of '{query.Experiment}'.", $"Use current, or a phase from 1 to {experiment.Phase}."));
        }

        if (query.Metrics is { Count: 0 })
        {
            problems.Add(new("metrics", "metrics is empty.", "Name metric keys separated by commas, or leave metrics out to analyse the experiment's own metrics (every metric when it names none)."));
        }

        if (problems.Count > 0)
        {
            return (null, [], ServiceProblems.Invalid(problems));
        }

        (IReadOnlyList<MetricSpec> specs, IReadOnlyList<FieldProblem> metricProblems) = await results.LoadMetricsAsync(query.Metrics, experiment, cancellationToken);
        if (metricProblems.Count > 0)
        {
            bool unknown = metricProblems.Any(p => p.Path == "metrics");
            return (null, [], ServiceProblems.Invalid(metricProblems, unknown ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity));
        }

        var request = new ResultsRequest(query.Environment, ResultsService.Subject(experiment, analysed), [.. specs.Select(m => m.Definition.Key)], query.Breakdown);
        return (request, specs, null);
    }
}
