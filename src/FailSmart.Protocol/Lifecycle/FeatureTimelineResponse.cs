namespace FailSmart.Protocol.Lifecycle;

/// <summary>GET /api/v1/features/{key}/timeline: the phases a feature went through, and what happened, oldest first.</summary>
public sealed record FeatureTimelineResponse(IReadOnlyList<FeaturePhaseSpanResponse> Phases, IReadOnlyList<FeatureTimelineEventResponse> Events);

/// <summary>A stretch of time in one phase; <see cref="End"/> is null for the phase the feature is in.</summary>
public sealed record FeaturePhaseSpanResponse(string Phase, DateTimeOffset Start, DateTimeOffset? End);

/// <summary>
/// One moment: kind created, decision, result (a verdict frozen with a decision), flag, experiment or rollout
/// (from the audit log of the flags and experiments the feature links to).
/// </summary>
public sealed record FeatureTimelineEventResponse(
    DateTimeOffset At, string Kind, string Subject, string Title, string? Detail, string Actor, long? DecisionId, bool Overridden);
