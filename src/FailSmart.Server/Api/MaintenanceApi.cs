using FailSmart.Application.Maintenance;
using FailSmart.Application.Problems;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/maintenance/review`: the features in Maintain, with their flags' usage and the effort they still take.</summary>
internal static class MaintenanceApi
{
    public static RouteGroupBuilder MapMaintenanceApi(this RouteGroupBuilder api)
    {
        api.MapGet("/maintenance/review", GetAsync).WithTags("Features").WithName("GetMaintenanceReview")
            .WithSummary("Every feature in Maintain with its flags' usage, its age, the effort recorded since it entered Maintain and in the last recentWeeks weeks (12 unless given), and a verdict: clean-up, review or keep, most urgent first.")
            .Produces<MaintenanceReview>().ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> GetAsync(IMaintenanceReviewService review, int? recentWeeks, CancellationToken cancellationToken)
    {
        ServiceResult<MaintenanceReview> result = await review.GetAsync(recentWeeks, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value!);
    }
}
