using System.Globalization;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Server.Api;

namespace FailSmart.Server.Results;

/// <summary>
/// `GET /api/v1/metrics/{key}/baseline`: the metric over the last days' traffic (every unit exposed to
/// anything in the environment), to plan an experiment on it.
/// </summary>
internal static class MetricBaselineApi
{
    public static RouteGroupBuilder MapMetricBaselineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/metrics/{key}/baseline", GetAsync)
            .WithTags("Metrics").WithName("GetMetricBaseline")
            .WithSummary("Summarises a metric over the units exposed to anything in the environment in the last days (1 to 90, default 14): per-unit mean and sample variance, zeros included and capped as the metric says, and new units per day.")
            .Produces<MetricBaselineResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetAsync(string key, string? environment, string? days, IExperimentResultsService results, CancellationToken cancellationToken)
    {
        int window = 14;
        if (days is not null && !int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out window))
        {
            return ApiProblems.Invalid([new FieldProblem("days", $"'{days}' is not a whole number of days.", $"Send days from 1 to {MetricBaselines.MaxDays}, such as days=14.")]);
        }

        ServiceResult<MetricBaselineResponse> result = await results.BaselineAsync(new MetricBaselineQuery(key, environment ?? "production", window), cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value);
    }
}
