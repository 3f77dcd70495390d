using FailSmart.Protocol.Admin;

namespace FailSmart.Application.Problems;

/// <summary>The problems services report, worded once for the API and the web UI alike.</summary>
public static class ServiceProblems
{
    public static ServiceProblem Invalid(IReadOnlyList<FieldProblem> problems, int status = 400) =>
        new(status,
            status == 422 ? "The configuration is not valid." : "The request is not valid.",
            problems.Count == 1
                ? $"{problems[0].Path}: {problems[0].Message}"
                : $"{problems.Count} problems; the first is {problems[0].Path}: {problems[0].Message}",
            problems);

    public static ServiceProblem Invalid(string path, string message, string? hint = null) => Invalid([new FieldProblem(path, message, hint)]);

    public static ServiceProblem NotFound(string what, string key) =>
        new(404, $"No such {what}.", $"There is no {what} '{key}'. List them with GET on the collection.", []);

    public static ServiceProblem AlreadyExists(string what, string key) =>
        new(409, $"The {what} already exists.", $"A {what} '{key}' exists already. Change it with PUT, or choose another key.", []);

    public static ServiceProblem ConfigurationBusy() =>
        new(409, "The configuration kept changing while this write was checked.",
            "Other changes were committed each time this one had been validated against the whole configuration, so it was not written. Retry in a moment.", []);

    public static ServiceProblem Archived(string what, string segment, string key, long currentVersion) =>
        new(409, $"The {what} is archived.",
            $"The {what} '{key}' is archived, so it cannot be changed. Bring it back with POST /api/v1/{segment}/{key}/unarchive and If-Match: \"{currentVersion}\", then send this change again.",
            [], currentVersion);

    public static ServiceProblem StaleVersion(string what, string key, long currentVersion) =>
        new(412, "Someone changed this since you read it.",
            $"The {what} '{key}' is at version {currentVersion}, not the one in If-Match. Read it again, reapply your change, and retry with the new ETag.",
            [], currentVersion);

    public static ServiceProblem Forbidden(string detail) => new(403, "You may not make this change.", detail, []);
}
