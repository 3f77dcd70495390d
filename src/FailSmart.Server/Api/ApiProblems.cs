using FailSmart.Protocol.Admin;

namespace FailSmart.Server.Api;

/// <summary>The admin API's error answers: ProblemDetails that say what was wrong and how to fix it.</summary>
internal static class ApiProblems
{
    public static IResult Invalid(IReadOnlyList<FieldProblem> problems, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            title: status == StatusCodes.Status422UnprocessableEntity ? "The configuration is not valid." : "The request is not valid.",
            detail: problems.Count == 1
                ? $"{problems[0].Path}: {problems[0].Message}"
                : $"{problems.Count} problems; the first is {problems[0].Path}: {problems[0].Message}",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["errors"] = problems });

    public static IResult Invalid(string path, string message, string? hint = null) => Invalid([new FieldProblem(path, message, hint)]);

    /// <summary>A body that cannot be read as the JSON FailSmart accepts (syntax, duplicates, text, numbers).</summary>
    public static IResult Unreadable(FieldProblem problem) =>
        TypedResults.Problem(
            title: "The request body could not be read.",
            detail: $"{problem.Path}: {problem.Message} {problem.Hint}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new[] { problem } });

    public static IResult NotFound(string what, string key) =>
        TypedResults.Problem(
            title: $"No such {what}.",
            detail: $"There is no {what} '{key}'. List them with GET on the collection.",
            statusCode: StatusCodes.Status404NotFound);

    public static IResult AlreadyExists(string what, string key) =>
        TypedResults.Problem(
            title: $"The {what} already exists.",
            detail: $"A {what} '{key}' exists already. Change it with PUT, or choose another key.",
            statusCode: StatusCodes.Status409Conflict);

    public static IResult ConfigurationBusy() =>
        TypedResults.Problem(
            title: "The configuration kept changing while this write was checked.",
            detail: "Other changes were committed each time this one had been validated against the whole configuration, so it was not written. Retry in a moment.",
            statusCode: StatusCodes.Status409Conflict);

    public static IResult ArchivedResource(string what, string segment, string key, long currentVersion) =>
        TypedResults.Problem(
            title: $"The {what} is archived.",
            detail: $"The {what} '{key}' is archived, so it cannot be changed. Bring it back with POST /api/v1/{segment}/{key}/unarchive and If-Match: \"{currentVersion}\", then send this change again.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });

    public static IResult StaleVersion(string what, string key, long currentVersion) =>
        TypedResults.Problem(
            title: "Someone changed this since you read it.",
            detail: $"The {what} '{key}' is at version {currentVersion}, not the one in If-Match. Read it again, reapply your change, and retry with the new ETag.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?> { ["currentVersion"] = currentVersion });
}
