namespace FailSmart.Storage.Events;

/// <summary>Per-variation sums of a ratio's per-unit denominator D, for the delta method.</summary>
/// <param name="Sum">Σ D.</param>
/// <param name="SumOfSquares">Σ D².</param>
/// <param name="SumOfProducts">Σ Y·D, with Y the (capped) numerator.</param>
public sealed record DenominatorSums(double Sum, double SumOfSquares, double SumOfProducts);
