using System.Globalization;
using System.Text;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FailSmart.Web.Experiments;

/// <summary>
/// The results page's CSV download: a plain link, so it works from the page and the printable report alike,
/// with the signed-in person's session. Refusals are ProblemDetails with the results service's own words.
/// </summary>
internal static class ResultsCsvEndpoint
{
    public const string Pattern = "/experiments/{key}/results.csv";

    public static string Href(string experiment, string environment, int phase) =>
        $"/experiments/{Uri.EscapeDataString(experiment)}/results.csv?environment={Uri.EscapeDataString(environment)}&phase={phase.ToString(CultureInfo.InvariantCulture)}";

    public static IEndpointRouteBuilder MapResultsCsv(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Pattern, HandleAsync).RequireAuthorization(UiPolicies.Viewer).WithMetadata(new UiEndpointMetadata()).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(string key, string? environment, string? phase, IExperimentResultsService results, CancellationToken cancellationToken)
    {
        int? chosen = null;
        if (!string.IsNullOrEmpty(phase))
        {
            if (!int.TryParse(phase, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                return Problem(ServiceProblems.Invalid("phase", $"'{phase}' is not a phase number.", "Use a whole number from 1 to the experiment's current phase, or leave phase out for the current one."));
            }

            chosen = number;
        }

        ServiceResult<ExperimentResultsResponse> answer = await results.GetAsync(new ResultsQuery(key, string.IsNullOrEmpty(environment) ? "production" : environment, chosen), cancellationToken);
        if (answer.Value is not { } value)
        {
            return Problem(answer.Problem ?? ServiceProblems.NotFound("experiment", key));
        }

        string name = $"{value.Experiment}-{value.Environment}-phase-{value.Phase.ToString(CultureInfo.InvariantCulture)}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(ResultsCsv.Write(value)), "text/csv; charset=utf-8", name);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(ServiceProblem problem) =>
        TypedResults.Problem(
            title: problem.Title,
            detail: problem.Detail,
            statusCode: problem.Status,
            extensions: problem.Errors.Count > 0 ? new Dictionary<string, object?> { ["errors"] = problem.Errors } : null);
}
