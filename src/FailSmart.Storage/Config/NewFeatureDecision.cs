namespace FailSmart.Storage.Config;

/// <summary>A decision to record; the feature moves to <paramref name="ToPhase"/> with it.</summary>
/// <param name="Decision">advance, iterate or stop.</param>
/// <param name="ToPhase">The phase after the decision.</param>
/// <param name="Reason">Why.</param>
/// <param name="Evidence">The frozen evidence, as JSON.</param>
/// <param name="Document">The feature's document after the decision (its phase updated).</param>
/// <param name="Actor">Who decided.</param>
public sealed record NewFeatureDecision(string Decision, string ToPhase, string Reason, string Evidence, string Document, string Actor);
