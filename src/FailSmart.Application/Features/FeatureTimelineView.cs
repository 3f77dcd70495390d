namespace FailSmart.Application.Features;

/// <summary>A feature's history: the phases it went through, and every decision, launch and result in time order.</summary>
/// <param name="Phases">Each stretch of time in one phase, oldest first; the last has no end.</param>
/// <param name="Events">What happened, oldest first.</param>
public sealed record FeatureTimelineView(IReadOnlyList<FeaturePhaseSpan> Phases, IReadOnlyList<FeatureTimelineEvent> Events);

/// <summary>A stretch of time a feature spent in one phase.</summary>
public sealed record FeaturePhaseSpan(FeaturePhase Phase, DateTimeOffset Start, DateTimeOffset? End);

/// <summary>One moment on a feature's timeline.</summary>
/// <param name="At">When.</param>
/// <param name="Kind">created, decision, result, flag, experiment or rollout.</param>
/// <param name="Subject">The feature's, flag's or experiment's key.</param>
/// <param name="Title">What happened, in a few words ("Advanced Think → Build", "Experiment started").</param>
/// <param name="Detail">Why, or the verdict's sentence; null when there is nothing to add.</param>
/// <param name="Actor">Who did it.</param>
/// <param name="DecisionId">For a decision or its results: the decision's id.</param>
/// <param name="Overridden">For a decision: taken past a gate by an administrator.</param>
public sealed record FeatureTimelineEvent(
    DateTimeOffset At, string Kind, string Subject, string Title, string? Detail, string Actor, long? DecisionId = null, bool Overridden = false);
