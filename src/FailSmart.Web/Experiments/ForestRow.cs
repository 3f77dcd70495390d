namespace FailSmart.Web.Experiments;

/// <summary>
/// One treatment's effect on one metric as the forest plot draws it and the table beside it lists it: the
/// chart and the table are built from the same rows, so they cannot disagree.
/// </summary>
/// <param name="Variation">The treatment's key.</param>
/// <param name="Estimate">The effect (relative lift or absolute difference); null while it cannot be computed.</param>
/// <param name="Lower">The always-valid 95% interval's lower bound.</param>
/// <param name="Upper">Its upper bound.</param>
/// <param name="Verdict">What the interval says, in the metric's good direction.</param>
/// <param name="Units">The treatment's analysed units.</param>
/// <param name="Status">The status code (keep-running, significant-improvement, …), or null.</param>
/// <param name="Message">The status in words.</param>
/// <param name="DecisionDate">For keep-running: when the planned sample should be reached.</param>
/// <param name="AdjustedPValue">The always-valid p-value after the metric role's correction.</param>
public sealed record ForestRow(
    string Variation,
    double? Estimate,
    double? Lower,
    double? Upper,
    EffectVerdict Verdict,
    long Units,
    string? Status,
    string? Message,
    DateTimeOffset? DecisionDate,
    double? AdjustedPValue);
