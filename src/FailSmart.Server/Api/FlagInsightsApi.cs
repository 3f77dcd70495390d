using System.Globalization;
using FailSmart.Application.Insights;
using FailSmart.Application.Problems;

namespace FailSmart.Server.Api;

/// <summary>
/// `GET /api/v1/flags/insights` and `GET /api/v1/flags/{key}/insights`: evaluations per flag and environment
/// as clients report them (7 and 30 days, last evaluation, variations served), each flag's status
/// (active, stale-unused, stale-single-value, usage-unknown, new) and what to do about a stale one.
/// </summary>
internal static class FlagInsightsApi
{
    public static RouteGroupBuilder MapFlagInsightsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/flags/insights", ListAsync).WithTags("Flags").WithName("ListFlagInsights")
            .WithSummary("Every live flag in every environment (or ?environment=): evaluations in the last 7 and 30 days, last evaluated, variations served, status and suggested action. ?staleAfterDays= (1 to 90) overrides Insights:StaleAfterDays.")
            .Produces<FlagInsightsReport>().ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/flags/{key}/insights", GetAsync).WithTags("Flags").WithName("GetFlagInsights")
            .WithSummary("One flag's insights in every environment; archived flags too, so their last usage stays readable.")
            .Produces<FlagInsightsReport>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(IFlagInsightsService insights, string? environment, string? staleAfterDays, CancellationToken cancellationToken)
    {
        int? days = null;
        if (staleAfterDays is not null)
        {
            if (!int.TryParse(staleAfterDays, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                return ApiProblems.Invalid("staleAfterDays", $"'{staleAfterDays}' is not a whole number of days.", "Use 1 to 90, or leave it out for the configured default.");
            }

            days = parsed;
        }

        return Answer(await insights.ListAsync(environment, days, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string key, IFlagInsightsService insights, CancellationToken cancellationToken) =>
        Answer(await insights.GetAsync(key, cancellationToken));

    private static IResult Answer(ServiceResult<FlagInsightsReport> result) =>
        result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value);
}
