namespace FailSmart.Storage.Events;

/// <summary>Per-variation sums of the CUPED covariate X (the metric before exposure).</summary>
/// <param name="Sum">Σ X.</param>
/// <param name="SumOfSquares">Σ X².</param>
/// <param name="SumOfProducts">Σ Y·X.</param>
/// <param name="SumOfDenominatorProducts">Σ D·X, for ratio and mean metrics; null otherwise.</param>
/// <param name="PreDenominator">For ratio and mean metrics, the denominator before exposure; null otherwise.</param>
public sealed record CovariateSums(double Sum, double SumOfSquares, double SumOfProducts, double? SumOfDenominatorProducts, PreDenominatorSums? PreDenominator = null);
