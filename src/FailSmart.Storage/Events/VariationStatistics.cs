namespace FailSmart.Storage.Events;

/// <summary>
/// The sufficient statistics of one variation: everything the statistics need, and no raw rows. Y is
/// the per-unit metric value after capping; every analysed unit counts, zeros included.
/// </summary>
/// <param name="Variation">The variation index.</param>
/// <param name="Units">n, units exposed to this variation only (and eligible, for retention).</param>
/// <param name="Sum">Σ Y (for a quantile: the sum of event values).</param>
/// <param name="SumOfSquares">Σ Y² (for a quantile: of event values).</param>
/// <param name="Denominator">For ratio and mean metrics; null otherwise.</param>
/// <param name="Covariate">For metrics with a CUPED covariate window; null otherwise.</param>
/// <param name="Quantile">For quantile metrics; null otherwise.</param>
public sealed record VariationStatistics(
    int Variation,
    long Units,
    double Sum,
    double SumOfSquares,
    DenominatorSums? Denominator = null,
    CovariateSums? Covariate = null,
    QuantileEstimate? Quantile = null);
