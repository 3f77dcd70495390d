namespace FailSmart.Statistics;

/// <summary>
/// The effect as the cohort measured it and as the target population would see it.
/// </summary>
/// <param name="Plain">Treatment − control over the whole cohort, arms pooled across strata (Welch standard error).</param>
/// <param name="CohortWeighted">The stratified estimate with the cohort's own stratum shares, over covered strata.</param>
/// <param name="Reweighted">
/// The post-stratified estimate Σ wₕΔₕ with wₕ the target's share of stratum h among covered strata, variance Σ wₕ²Vₕ.
/// It speaks for <see cref="CoveredTargetShare"/> of the target only.
/// </param>
/// <param name="CoveredTargetShare">The target's share in strata the cohort covers (both arms with at least two units).</param>
/// <param name="UncoveredLevels">Target strata with no units, or too few in one arm: no reweighting can speak for them.</param>
/// <param name="Strata">Each stratum's shares and effect, in the order given.</param>
/// <param name="Heterogeneity">Cochran's Q and I² over covered strata with a positive variance.</param>
/// <param name="DominantLevel">The stratum with the largest share of the cohort.</param>
/// <param name="MayNotCarryOver">
/// True when the effect differs between strata (Q's p below the heterogeneity level) and the dominant stratum's cohort
/// share is at least the dominance ratio times its target share: the cohort's effect is mostly that stratum's.
/// </param>
/// <param name="Explanation">The result in words, including what the reweighted effect does not cover.</param>
public sealed record PostStratifiedEffect(
    NormalEstimate Plain,
    NormalEstimate CohortWeighted,
    NormalEstimate Reweighted,
    double CoveredTargetShare,
    IReadOnlyList<string> UncoveredLevels,
    IReadOnlyList<StratumEffect> Strata,
    Heterogeneity Heterogeneity,
    string DominantLevel,
    bool MayNotCarryOver,
    string Explanation)
{
    public double UncoveredTargetShare => 1 - CoveredTargetShare;
}
