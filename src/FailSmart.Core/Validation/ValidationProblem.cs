namespace FailSmart.Core.Validation;

/// <summary>A defect in a configuration: where it is (JSON path), what is wrong, and how to fix it.</summary>
public sealed record ValidationProblem(string Path, string Message, string Hint)
{
    public override string ToString() => $"{Path}: {Message} ({Hint})";
}
