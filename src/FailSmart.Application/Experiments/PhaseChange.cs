namespace FailSmart.Application.Experiments;

/// <summary>What a new phase changes: the variations' weights (in their order) and the coverage; null keeps each as it is.</summary>
public sealed record PhaseChange(IReadOnlyList<double>? Weights = null, double? Coverage = null);
