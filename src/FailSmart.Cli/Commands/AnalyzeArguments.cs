namespace FailSmart.Cli.Commands;

/// <summary>What `failsmart analyze` was asked to do.</summary>
internal sealed record AnalyzeArguments(
    FileInfo Exposures,
    FileInfo Events,
    FileInfo? Units,
    string Experiment,
    FileInfo? MetricsFile,
    string[] QuickMetrics,
    int Phase,
    string? Variations,
    string? Weights,
    string? Breakdown,
    string[] Columns,
    string TimestampFormat,
    bool Json,
    bool AllowRedChecks = false,
    bool Bayesian = false,
    string? Factorial = null,
    FileInfo? Target = null,
    string? By = null);
