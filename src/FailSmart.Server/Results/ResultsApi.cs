using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Server.Api;

namespace FailSmart.Server.Results;

/// <summary>
/// `GET /api/v1/experiments/{key}/results`: the experiment's metrics with decisions, and the checks that
/// say whether to trust them. The one result every replica shares is served while nothing it was computed from
/// changed; otherwise it comes back with <c>stale: true</c> while one replica computes a fresh one in the background.
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
        string key, string? environment, string? phase, string? metrics, string? breakdown, string? refresh, IExperimentResultsService results, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (refresh is not (null or "true" or "false"))
        {
            problems.Add(new("refresh", "refresh must be true or false.", "Send refresh=true to re-analyse now instead of reading the cache."));
        }

        int? analysed = ResultsQueryParameters.Phase(key, phase, problems);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        IReadOnlyList<string>? metricKeys = ResultsQueryParameters.MetricKeys(metrics);
        ServiceResult<ExperimentResultsResponse> result = await results.GetAsync(
            new ResultsQuery(key, environment ?? "production", analysed, metricKeys, breakdown, refresh == "true"), cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value);
    }
}
