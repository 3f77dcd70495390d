using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;

namespace FailSmart.Server.Api;

/// <summary>
/// The admin API's error answers: ProblemDetails that say what was wrong and how to fix it. The words come
/// from the application services' <see cref="ServiceProblem"/>s, so the web UI shows the same ones.
/// </summary>
internal static class ApiProblems
{
    public static IResult From(ServiceProblem problem)
    {
        var extensions = new Dictionary<string, object?>();
        if (problem.Errors.Count > 0)
        {
            extensions["errors"] = problem.Errors;
        }

        if (problem.CurrentVersion is { } version)
        {
            extensions["currentVersion"] = version;
        }

        return TypedResults.Problem(title: problem.Title, detail: problem.Detail, statusCode: problem.Status, extensions: extensions);
    }

    public static IResult Invalid(IReadOnlyList<FieldProblem> problems, int status = StatusCodes.Status400BadRequest) =>
        From(ServiceProblems.Invalid(problems, status));

    public static IResult Invalid(string path, string message, string? hint = null) => From(ServiceProblems.Invalid(path, message, hint));

    /// <summary>A body that cannot be read as the JSON FailSmart accepts (syntax, duplicates, text, numbers).</summary>
    public static IResult Unreadable(FieldProblem problem) =>
        TypedResults.Problem(
            title: "The request body could not be read.",
            detail: $"{problem.Path}: {problem.Message} {problem.Hint}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { problem } });

    public static IResult NotFound(string what, string key) => From(ServiceProblems.NotFound(what, key));
}
