namespace FailSmart.Protocol.Results;

/// <summary>
/// A factorial launch's reading of one metric: each feature's main effect, the interactions, whether any interaction is
/// present, and the whole bundle against none of it. Effects are in the metric's own unit (percentage points of a rate,
/// a difference of means or of ratios), from least squares with effect coding (each feature ±½) and HC1 robust errors.
/// <see cref="Recommendation"/> is <c>do-not-trust</c> while any check is red, whatever the numbers say.
/// </summary>
/// <param name="Features">The features (flag keys) in the launch's order; a cell key has one 0 or 1 per feature in this order.</param>
/// <param name="Recommendation">ship-separately (one feature helps, another hurts), ship-helping, ship-none, inconclusive, or do-not-trust; null when the metric could not be analysed.</param>
/// <param name="Summary">The reading in plain words: which feature carries the effect, which hurts, whether they interact, and what to ship.</param>
/// <param name="Message">Why the metric could not be analysed as a factorial (too early, or a metric type the factorial analysis does not take); null when it was.</param>
/// <param name="Helping">The features whose main effect's interval lies wholly on the metric's good side, largest first.</param>
/// <param name="Hurting">The features whose main effect's interval lies wholly on its bad side, most harmful first.</param>
/// <param name="Carrier">The helping feature with the largest effect; null when none helps.</param>
/// <param name="Interacts">True when the interaction test is significant: a feature's effect depends on which others are on.</param>
/// <param name="Baseline">The metric's value in the all-off cell ("none of the bundle"), to read effects against.</param>
/// <param name="MainEffects">One per feature: its mean effect of on against off, averaged over the other features' states.</param>
/// <param name="Interactions">Every interaction term, two-way first.</param>
/// <param name="InteractionTest">The Wald χ² test that every interaction is zero.</param>
/// <param name="Bundle">The all-on cell against the all-off cell: what shipping the bundle would have done.</param>
/// <param name="Cells">Each cell's units, observed value and the model's value.</param>
public sealed record FactorialMetricResponse(
    IReadOnlyList<string> Features,
    string? Recommendation,
    string? Summary,
    string? Message = null,
    IReadOnlyList<string>? Helping = null,
    IReadOnlyList<string>? Hurting = null,
    string? Carrier = null,
    bool Interacts = false,
    double? Baseline = null,
    IReadOnlyList<FactorialTermResponse>? MainEffects = null,
    IReadOnlyList<FactorialTermResponse>? Interactions = null,
    FactorialInteractionTest? InteractionTest = null,
    FactorialEffectResponse? Bundle = null,
    IReadOnlyList<FactorialCellResponse>? Cells = null)
{
    /// <summary>The recommendation while any check is red.</summary>
    public const string DoNotTrust = "do-not-trust";
}
