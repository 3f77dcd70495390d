namespace FailSmart.Protocol.Admin;

/// <summary>One thing wrong with a request, where it is, and how to fix it.</summary>
/// <param name="Path">A JSON path into the request body ($.rules[0].condition), or the parameter name.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Hint">How to fix it.</param>
public sealed record FieldProblem(string Path, string Message, string? Hint = null);
