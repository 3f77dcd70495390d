namespace FailSmart.Application.Features;

/// <summary>A recorded phase decision, with the evidence as it was when the decision was taken.</summary>
/// <param name="Id">Increasing per store.</param>
/// <param name="FeatureKey">The feature decided on.</param>
/// <param name="Decision">What was decided.</param>
/// <param name="From">The phase before.</param>
/// <param name="To">The phase after (the same for iterate).</param>
/// <param name="Reason">Why.</param>
/// <param name="Evidence">The frozen snapshot.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="At">When.</param>
public sealed record FeatureDecision(
    long Id,
    string FeatureKey,
    FeatureDecisionKind Decision,
    FeaturePhase From,
    FeaturePhase To,
    string Reason,
    FeatureEvidence Evidence,
    string Actor,
    DateTimeOffset At);
