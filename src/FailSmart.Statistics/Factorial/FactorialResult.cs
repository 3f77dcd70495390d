namespace FailSmart.Statistics;

/// <summary>
/// A factorial launch's analysis for one metric: the effect-coded least-squares coefficients with HC1 robust
/// standard errors (normal reference, as statsmodels reports them with <c>cov_type="HC1"</c>), the Wald test of
/// all interaction terms, and the whole bundle against none of it.
/// </summary>
/// <param name="Features">The features, in bit order: bit j of a cell index is feature j.</param>
/// <param name="Model">Which interaction terms the model includes.</param>
/// <param name="Alpha">The two-sided level of every interval.</param>
/// <param name="Intercept">The grand mean over cells, each cell weighted equally.</param>
/// <param name="MainEffects">One term per feature, in feature order.</param>
/// <param name="Interactions">Every interaction term in the model, by order and then by mask.</param>
/// <param name="InteractionTest">Whether any interaction is present: all interaction coefficients zero.</param>
/// <param name="Bundle">The all-on cell minus the all-off cell, from the model's cell means.</param>
/// <param name="FittedCellMeans">The model's mean per cell, indexed by the cell's bitmask.</param>
/// <param name="Units">Units over all cells.</param>
public sealed record FactorialResult(
    IReadOnlyList<string> Features,
    FactorialModel Model,
    double Alpha,
    NormalEstimate Intercept,
    IReadOnlyList<FactorialTerm> MainEffects,
    IReadOnlyList<FactorialTerm> Interactions,
    WaldTest InteractionTest,
    NormalEstimate Bundle,
    IReadOnlyList<double> FittedCellMeans,
    long Units);
