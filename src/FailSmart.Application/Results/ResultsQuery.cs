namespace FailSmart.Application.Results;

/// <summary>Which experiment results to read.</summary>
/// <param name="Experiment">The experiment key.</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="Phase">The phase to analyse; null for the current one.</param>
/// <param name="Metrics">Metric keys to analyse; null for the experiment's own metrics (every active metric when it names none).</param>
/// <param name="Breakdown">An exposure attribute to break each metric down by; null for none.</param>
/// <param name="Refresh">True to analyse now and wait, instead of reading the cache.</param>
public sealed record ResultsQuery(
    string Experiment,
    string Environment = "production",
    int? Phase = null,
    IReadOnlyList<string>? Metrics = null,
    string? Breakdown = null,
    bool Refresh = false);
