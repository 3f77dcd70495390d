using FailSmart.Protocol.Admin;

namespace FailSmart.Application.Problems;

/// <summary>
/// Why a service refused a request, in the words both the API (as RFC 7807 ProblemDetails) and the web UI
/// (next to the field each problem names) show. <see cref="Status"/> is the HTTP status the API answers with.
/// </summary>
/// <param name="Status">400, 403, 404, 409, 412 or 422.</param>
/// <param name="Title">One line: what kind of problem.</param>
/// <param name="Detail">What exactly, and how to fix it.</param>
/// <param name="Errors">Problems by field (JSON path or parameter name); empty when the problem is not about one field.</param>
/// <param name="CurrentVersion">For a stale or archived resource: the version it is at now.</param>
public sealed record ServiceProblem(int Status, string Title, string Detail, IReadOnlyList<FieldProblem> Errors, long? CurrentVersion = null)
{
    /// <summary>The problem reported for one field, if any (the UI shows it next to that field).</summary>
    public FieldProblem? For(string path) => Errors.FirstOrDefault(e => string.Equals(e.Path, path, StringComparison.Ordinal));
}
