using FailSmart.Application.Holdouts;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Results;
using FailSmart.Server.Api;

namespace FailSmart.Server.Results;

/// <summary>
/// `GET /api/v1/holdouts/{key}/results`: the holdout's long-term comparison, everything shipped in its scope
/// against the held-out units, per metric. Cached and refreshed like experiment results.
/// </summary>
internal static class HoldoutResultsApi
{
    public static RouteGroupBuilder MapHoldoutResultsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/holdouts/{key}/results", GetAsync)
            .WithTags("Holdouts").WithName("GetHoldoutResults")
            .WithSummary("Compares a holdout's exposed units with its held-out units over time: per metric, the effect of everything shipped in its scope with its always-valid interval, units per side and since when.")
            .Produces<HoldoutResultsResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetAsync(string key, string? environment, string? metrics, string? refresh, IHoldoutResultsService holdouts, CancellationToken cancellationToken)
    {
        if (refresh is not (null or "true" or "false"))
        {
            return ApiProblems.Invalid("refresh", "refresh must be true or false.", "Send refresh=true to re-analyse now instead of reading the cache.");
        }

        IReadOnlyList<string>? metricKeys = ResultsQueryParameters.MetricKeys(metrics);
        ServiceResult<HoldoutResultsResponse> result = await holdouts.GetAsync(new HoldoutResultsQuery(key, environment ?? "production", metricKeys, refresh == "true"), cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value);
    }
}
