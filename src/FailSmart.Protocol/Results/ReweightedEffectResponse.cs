namespace FailSmart.Protocol.Results;

/// <summary>
/// One metric's effect for one treatment, as the cohort measured it and reweighted to the target population by
/// post-stratification over one attribute, or over the cells of several attributes' cross (country × platform).
/// </summary>
/// <param name="Metric">The metric key.</param>
/// <param name="Attribute">The attribute whose strata are reweighted; for joint strata the attributes joined by " × ".</param>
/// <param name="Variation">The treatment, compared with the control.</param>
/// <param name="Plain">The effect over the whole cohort.</param>
/// <param name="CohortWeighted">The stratified effect with the cohort's own shares, over covered strata.</param>
/// <param name="Reweighted">The effect with the target's shares, over covered strata.</param>
/// <param name="CoveredTargetShare">The target's share in strata the cohort covers: the reweighted effect speaks for this much of it.</param>
/// <param name="UncoveredLevels">Target strata the cohort has no effect for (no units, or fewer than two in an arm).</param>
/// <param name="Strata">Each stratum's shares and effect.</param>
/// <param name="Heterogeneity">Cochran's Q and I² across covered strata.</param>
/// <param name="DominantLevel">The stratum with the largest share of the cohort.</param>
/// <param name="MayNotCarryOver">The effect differs between strata and the dominant stratum holds at least twice its target share of the cohort.</param>
/// <param name="Explanation">The result in words.</param>
/// <param name="Stratification">
/// "attribute" when the strata are one attribute's levels; "joint" when they are the cells of <paramref name="Attributes"/>'
/// cross, each level the cell's values joined by " × ".
/// </param>
/// <param name="Attributes">The attributes the strata are made of, in order.</param>
public sealed record ReweightedEffectResponse(
    string Metric,
    string Attribute,
    string Variation,
    EffectEstimateResponse Plain,
    EffectEstimateResponse CohortWeighted,
    EffectEstimateResponse Reweighted,
    double CoveredTargetShare,
    IReadOnlyList<string> UncoveredLevels,
    IReadOnlyList<StratumEffectResponse> Strata,
    HeterogeneityResponse Heterogeneity,
    string DominantLevel,
    bool MayNotCarryOver,
    string Explanation,
    string Stratification = ReweightedEffectResponse.ByAttribute,
    IReadOnlyList<string>? Attributes = null)
{
    /// <summary>Strata are one attribute's levels.</summary>
    public const string ByAttribute = "attribute";

    /// <summary>Strata are the cells of several attributes' cross.</summary>
    public const string Joint = "joint";

    /// <summary>How a joint level or attribute name joins its parts.</summary>
    public const string CellSeparator = " × ";
}
