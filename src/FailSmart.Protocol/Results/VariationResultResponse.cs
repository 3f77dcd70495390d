namespace FailSmart.Protocol.Results;

/// <summary>
/// One variation of one metric: its sufficient statistics and, for a treatment, the comparison with the
/// control. <see cref="Status"/> (too-early, keep-running, significant-improvement, significant-harm,
/// inconclusive) comes from the always-valid interval, so it may be read at every look; while any check
/// is red it is <see cref="DoNotTrust"/> whatever the numbers say. A guardrail also has a
/// <see cref="Guardrail"/> verdict.
/// </summary>
/// <param name="Index">The variation index.</param>
/// <param name="Key">The variation key.</param>
/// <param name="Units">Analysed units (exposed to this variation only).</param>
/// <param name="Sum">Σ Y over the units; null when it is beyond the range of a 64-bit float.</param>
/// <param name="SumOfSquares">Σ Y²; null when it is beyond the range of a 64-bit float.</param>
/// <param name="Value">The metric's value: the mean per unit, the ratio, or the quantile.</param>
/// <param name="RelativeLift">Treatment over control minus 1; null for the control.</param>
/// <param name="LiftLower">The lower bound of the always-valid 95% interval on the relative lift.</param>
/// <param name="LiftUpper">The upper bound.</param>
/// <param name="PValue">The fixed-horizon p-value of the relative lift (for breakdowns and corrections).</param>
/// <param name="CupedApplied">True when the CUPED covariate reduced the variance.</param>
/// <param name="Status">The decision status; null for the control, or when the metric cannot be compared yet.</param>
/// <param name="Message">The decision in words.</param>
/// <param name="EstimatedDecisionDate">For keep-running: when the planned sample should be reached.</param>
/// <param name="Guardrail">For a guardrail: "no-harm-detected" or "harm" (or do-not-trust while a check is red).</param>
/// <param name="GuardrailMessage">The guardrail verdict in words.</param>
/// <param name="AbsoluteEffect">Treatment minus control, in the metric's own unit; null for the control.</param>
/// <param name="AbsoluteLower">The lower bound of the always-valid 95% interval on the absolute effect.</param>
/// <param name="AbsoluteUpper">The upper bound.</param>
/// <param name="AdjustedPValue">The always-valid p-value after the correction for this metric's role (see <see cref="Correction"/>).</param>
/// <param name="Correction">holm (primary metrics, across primaries × treatments), benjamini-hochberg (secondary metrics) or none (guardrails).</param>
/// <param name="ChanceToWin">Bayesian view: the posterior probability that the treatment is better than the control (in the metric's good direction).</param>
/// <param name="Risk">Bayesian view: the expected relative loss if this treatment is shipped and is in fact worse.</param>
public sealed record VariationResultResponse(
    int Index,
    string Key,
    long Units,
    double? Sum,
    double? SumOfSquares,
    double? Value,
    double? RelativeLift = null,
    double? LiftLower = null,
    double? LiftUpper = null,
    double? PValue = null,
    bool CupedApplied = false,
    string? Status = null,
    string? Message = null,
    DateTimeOffset? EstimatedDecisionDate = null,
    string? Guardrail = null,
    string? GuardrailMessage = null,
    double? AbsoluteEffect = null,
    double? AbsoluteLower = null,
    double? AbsoluteUpper = null,
    double? AdjustedPValue = null,
    string? Correction = null,
    double? ChanceToWin = null,
    double? Risk = null)
{
    /// <summary>The status of every treatment while a check is red: fix the cause and restart in a new phase.</summary>
    public const string DoNotTrust = "do-not-trust";
}
