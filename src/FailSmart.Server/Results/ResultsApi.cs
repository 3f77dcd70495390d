using System.Globalization;
using FailSmart.Core.Model;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Server.Api;

namespace FailSmart.Server.Results;

/// <summary>
/// `GET /api/v1/experiments/{key}/results`: the experiment's metrics with decisions, and the checks that
/// say whether to trust them. Served from the cache while nothing it was computed from changed; otherwise
/// the cached result comes back with <c>stale: true</c> while a fresh one is computed in the background.
/// <c>refresh=true</c> re-analyses now and waits for it.
/// </summary>
internal static class ResultsApi
{
    public static RouteGroupBuilder MapResultsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/experiments/{key}/results", GetAsync)
            .WithTags("Experiments").WithName("GetExperimentResults")
            .WithSummary("Analyses an experiment phase: per metric and variation, the statistics, lift, interval and decision, with SRM, multiple-exposure and cross-experiment checks.")
            .Produces<ExperimentResultsResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetAsync(
        string key, string? environment, string? phase, string? metrics, string? breakdown, string? refresh, ResultsService results, CancellationToken cancellationToken)
    {
        environment ??= "production";
        var problems = new List<FieldProblem>();
        if (!(await results.EnvironmentsAsync(cancellationToken)).Contains(environment, StringComparer.Ordinal))
        {
            return ApiProblems.Invalid("environment", $"There is no environment '{environment}'.", "List them with GET /api/v1/environments; the default is production.");
        }

        if (breakdown is not null && !ResourceKeys.IsValid(breakdown))
        {
            problems.Add(new("breakdown", $"'{breakdown}' is not a valid attribute name.", "Use the name of an exposure property, such as country."));
        }

        bool force = refresh == "true";
        if (refresh is not (null or "true" or "false"))
        {
            problems.Add(new("refresh", "refresh must be true or false.", "Send refresh=true to re-analyse now instead of reading the cache."));
        }

        Experiment? experiment = await results.FindExperimentAsync(environment, key, cancellationToken);
        if (experiment is null)
        {
            return ApiProblems.NotFound("experiment", key);
        }

        int analysed = experiment.Phase;
        if (phase is not (null or "current")
            && (!int.TryParse(phase, NumberStyles.None, CultureInfo.InvariantCulture, out analysed) || analysed < 1 || analysed > experiment.Phase))
        {
            problems.Add(new("phase", $"'{phase}' is not a phase of '{key}'.", $"Use current, or a phase from 1 to {experiment.Phase}."));
        }

        string[]? metricKeys = metrics is null ? null : [.. metrics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
        if (metricKeys is { Length: 0 })
        {
            problems.Add(new("metrics", "metrics is empty.", "Name metric keys separated by commas, or leave metrics out to analyse the experiment's own metrics (every metric when it names none)."));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        (IReadOnlyList<MetricSpec> specs, IReadOnlyList<FieldProblem> metricProblems) = await results.LoadMetricsAsync(metricKeys, experiment, cancellationToken);
        if (metricProblems.Count > 0)
        {
            bool unknown = metricProblems.Any(p => p.Path == "metrics");
            return ApiProblems.Invalid(metricProblems, unknown ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity);
        }

        var request = new ResultsRequest(environment, ResultsService.Subject(experiment, analysed), [.. specs.Select(m => m.Definition.Key)], breakdown);
        ExperimentResultsResponse result = force
            ? await results.RefreshAsync(request, specs, cancellationToken)
            : await results.GetAsync(request, specs, cancellationToken);
        return TypedResults.Ok(result);
    }
}
