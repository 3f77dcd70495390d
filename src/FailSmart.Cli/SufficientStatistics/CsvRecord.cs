namespace FailSmart.Cli.SufficientStatistics;

/// <summary>One record of a CSV file and the line it starts on (1-based), for messages.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
