namespace FailSmart.Cli.Commands;

/// <summary>What `failsmart stats analyze` was asked to do with sufficient statistics.</summary>
internal sealed record StatsAnalyzeOptions(string? Control, double Alpha, long PlannedUnits, string? Weights, bool Json, bool Bayesian, bool AllowRedChecks, string? Factorial = null);
