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

    /// <summary>
    /// A factorial launch whose features are not all served through it yet (a flag missing, or without the
    /// launch's rule where another feature has it). Writes arrive one resource at a time, so a launch and
    /// its flags pass through such states; evaluation serves them, and tools show the problem as advice.
    /// </summary>
    public const string IncompleteLaunchCode = "incomplete-launch";

    /// <summary>Whether the problem stops the configuration from being used (conditions and incomplete launches do not).</summary>
    public bool Blocks => Code is not (InvalidConditionCode or IncompleteLaunchCode);

    public string Code { get; init; } = InvalidConfigurationCode;

    public override string ToString() => $"{Path}: {Message} ({Hint})";
}
