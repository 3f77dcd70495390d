namespace FailSmart.Cli.ReferenceCases;

/// <summary>Raised inside the analyzer when a field is missing or malformed; turned into an error result there.</summary>
internal sealed class MalformedCaseException(string field, string problem) : Exception($"field '{field}' {problem}")
{
    public string Field { get; } = field;
}
