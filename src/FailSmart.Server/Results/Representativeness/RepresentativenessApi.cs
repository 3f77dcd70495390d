using System.Globalization;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Core.Model;
using FailSmart.Server.Api;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Results.Representativeness;

/// <summary>
/// `GET /api/v1/experiments/{key}/representativeness` and `GET /api/v1/rollouts/{environment}/{flag}/{rule}/representativeness`:
/// the cohort's mix per attribute against a target population and each metric's effect reweighted to it. A resource of
/// its own beside the results, since it needs a target.
/// </summary>
internal static class RepresentativenessApi
{
    public static RouteGroupBuilder MapRepresentativenessApi(this RouteGroupBuilder api)
    {
        api.MapGet("/experiments/{key}/representativeness", GetAsync)
            .WithTags("Experiments").WithName("GetExperimentRepresentativeness")
            .WithSummary("Compares an experiment's cohort with a target population (population=KEY, or all-exposures with from and to): per attribute the mix, " +
                "χ² and standardised differences, most different first; per metric the effect post-stratified to the target beside the plain effect, " +
                "Cochran's Q and I², and a warning when the cohort's dominant stratum may not carry over.")
            .Produces<RepresentativenessResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/rollouts/{environment}/{flag}/{rule}/representativeness", GetRolloutAsync)
            .WithTags("Rollouts").WithName("GetRolloutRepresentativeness")
            .WithSummary("Compares a guarded rollout's cohort with a target population, as for an experiment: its arms are the ones its gates compare " +
                "(units not yet in and the holdback against units in), its phase by default the current stage's, its metrics by default its guardrails.")
            .Produces<RepresentativenessResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> GetAsync(
        string key, string? environment, string? phase, string? metrics, string? population, string? attributes, string? from, string? to,
        IRepresentativenessService representativeness, CancellationToken cancellationToken)
    {
        (RepresentativenessQuery? query, List<FieldProblem> problems) = Query(key, environment ?? "production", phase, metrics, population, attributes, from, to);
        if (query is null)
        {
            return ApiProblems.Invalid(problems);
        }

        ServiceResult<RepresentativenessResponse> result = await representativeness.GetAsync(query, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> GetRolloutAsync(
        string environment, string flag, string rule, string? phase, string? metrics, string? population, string? attributes, string? from, string? to,
        IRepresentativenessService representativeness, CancellationToken cancellationToken)
    {
        (RepresentativenessQuery? query, List<FieldProblem> problems) = Query(RolloutPlan.AnalysisKey(flag, rule), environment, phase, metrics, population, attributes, from, to);
        if (query is null)
        {
            return ApiProblems.Invalid(problems);
        }

        ServiceResult<RepresentativenessResponse> result = await representativeness.GetRolloutAsync(new RolloutKey(environment, flag, rule), query, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value);
    }

    /// <summary>The query both endpoints read; null with the problems when a parameter does not parse.</summary>
    private static (RepresentativenessQuery? Query, List<FieldProblem> Problems) Query(
        string key, string environment, string? phase, string? metrics, string? population, string? attributes, string? from, string? to)
    {
        var problems = new List<FieldProblem>();
        int? analysed = ResultsQueryParameters.Phase(key, phase, problems);
        DateTimeOffset? start = Moment("from", from, problems);
        DateTimeOffset? end = Moment("to", to, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        IReadOnlyList<string>? names = attributes is null ? null : [.. attributes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        return (new RepresentativenessQuery(key, environment, analysed, ResultsQueryParameters.MetricKeys(metrics), population, names, start, end), problems);
    }

    private static DateTimeOffset? Moment(string name, string? text, List<FieldProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset moment))
        {
            return moment;
        }

        problems.Add(new(name, $"'{text}' is not a date and time.", $"Give {name} in ISO 8601, such as 2026-03-01T00:00:00Z."));
        return null;
    }
}
