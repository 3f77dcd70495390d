namespace FailSmart.Cli.ConfigAsCode;

/// <summary>What is wrong with a configuration-as-code file, where (a JSON path into it) and how to fix it.</summary>
internal sealed record ConfigProblem(string Path, string Message, string? Hint)
{
    public override string ToString() => $"{Path}: {Message} {Hint}".TrimEnd();
}
