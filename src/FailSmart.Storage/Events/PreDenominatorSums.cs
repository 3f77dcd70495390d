namespace FailSmart.Storage.Events;

/// <summary>
/// Per-variation sums of Q, the denominator of a ratio or mean metric over the CUPED window before
/// exposure. With the covariate X (the numerator before exposure) they make the pre-period ratio
/// X/Q, the covariate of ratio CUPED.
/// </summary>
/// <param name="Sum">Σ Q.</param>
/// <param name="SumOfSquares">Σ Q².</param>
/// <param name="SumOfCovariateProducts">Σ X·Q.</param>
/// <param name="SumOfMetricProducts">Σ Y·Q.</param>
/// <param name="SumOfDenominatorProducts">Σ D·Q.</param>
public sealed record PreDenominatorSums(double Sum, double SumOfSquares, double SumOfCovariateProducts, double SumOfMetricProducts, double SumOfDenominatorProducts);
