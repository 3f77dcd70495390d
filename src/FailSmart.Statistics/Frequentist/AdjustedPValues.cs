namespace FailSmart.Statistics;

/// <summary>Adjusted p-values in the input order, and which hypotheses are rejected at the given level.</summary>
public sealed record AdjustedPValues(IReadOnlyList<double> PValues, IReadOnlyList<bool> Rejected, double Alpha);
