namespace FailSmart.Core.Validation;

/// <summary>Thrown when an evaluator is built from a configuration that has validation problems.</summary>
public sealed class InvalidConfigurationException : Exception
{
    public InvalidConfigurationException()
        : this([])
    {
    }

    public InvalidConfigurationException(string message)
        : base(message)
    {
        Problems = [];
    }

    public InvalidConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public InvalidConfigurationException(IReadOnlyList<ValidationProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ValidationProblem> problems) =>
        problems.Count == 0
            ? "The configuration is invalid."
            : $"The configuration has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems);
}
