namespace FailSmart.Core.Validation;

/// <summary>A defect in a configuration: where it is (JSON path), what is wrong, and how to fix it.</summary>
public sealed record ValidationProblem(string Path, string Message, string Hint)
{
    /// <summary>
    /// Problems inside a condition (unknown operator, bad regex). Evaluation survives them (the
    /// condition never matches), so an evaluator accepts them; authoring tools should not.
    /// </summary>
    public const string InvalidConditionCode = "invalid-condition";

    public const string InvalidConfigurationCode = "invalid-configuration";

    public string Code { get; init; } = InvalidConfigurationCode;

    public override string ToString() => $"{Path}: {Message} ({Hint})";
}
