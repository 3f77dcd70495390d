namespace FailSmart.Core.Targeting;

/// <summary>A defect in a condition found when it was parsed, with where and how to fix it.</summary>
/// <param name="Path">JSON path relative to the condition root, e.g. <c>.country['$regex']</c>.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Hint">How to fix it.</param>
public sealed record ConditionProblem(string Path, string Message, string Hint);
