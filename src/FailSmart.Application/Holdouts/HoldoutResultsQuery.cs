namespace FailSmart.Application.Holdouts;

/// <summary>Which holdout comparison to read.</summary>
/// <param name="Holdout">The holdout key.</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="Metrics">Metric keys to compare; null for every active metric.</param>
/// <param name="Refresh">True to analyse now and wait, instead of reading the cache.</param>
public sealed record HoldoutResultsQuery(string Holdout, string Environment = "production", IReadOnlyList<string>? Metrics = null, bool Refresh = false);
