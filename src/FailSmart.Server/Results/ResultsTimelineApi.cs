using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Server.Api;

namespace FailSmart.Server.Results;

/// <summary>
/// `GET /api/v1/experiments/{key}/results/timeline`: the results analysis as of the end of each day of the
/// phase, cumulative, with the always-valid and the fixed-horizon interval of every treatment's lift.
/// </summary>
internal static class ResultsTimelineApi
{
    public static RouteGroupBuilder MapResultsTimelineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/experiments/{key}/results/timeline", GetAsync)
            .WithTags("Experiments").WithName("GetExperimentResultsTimeline")
            .WithSummary("Analyses an experiment phase as of the end of each day since its first exposure (at most 60 points, the last one now): per metric and treatment, the units, the relative lift, its always-valid and its fixed-horizon 95% interval.")
            .Produces<ExperimentTimelineResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetAsync(
        string key, string? environment, string? phase, string? metrics, IExperimentResultsService results, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        int? analysed = ResultsQueryParameters.Phase(key, phase, problems);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        IReadOnlyList<string>? metricKeys = ResultsQueryParameters.MetricKeys(metrics);
        ServiceResult<ExperimentTimelineResponse> result = await results.TimelineAsync(
            new ResultsQuery(key, environment ?? "production", analysed, metricKeys), cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value);
    }
}
