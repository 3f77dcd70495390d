namespace FailSmart.Storage.Config;

/// <summary>A phase decision on a feature, kept for good: what was decided, why, and the evidence as it was then.</summary>
/// <param name="Id">Increasing per store.</param>
/// <param name="FeatureKey">The feature decided on.</param>
/// <param name="Decision">advance, iterate or stop.</param>
/// <param name="FromPhase">The phase it was in.</param>
/// <param name="ToPhase">The phase it is in after the decision (the same phase for iterate).</param>
/// <param name="Reason">Why, in the decider's words.</param>
/// <param name="Evidence">A frozen JSON snapshot of the results the decision relied on (never a live link).</param>
/// <param name="Actor">Who decided.</param>
/// <param name="At">When.</param>
public sealed record FeatureDecisionRecord(
    long Id,
    string FeatureKey,
    string Decision,
    string FromPhase,
    string ToPhase,
    string Reason,
    string Evidence,
    string Actor,
    DateTimeOffset At);
