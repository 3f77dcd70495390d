namespace FailSmart.Statistics;

/// <summary>
/// The decision for one metric: its status, how far the experiment is toward its planned sample,
/// when it should reach it (for <see cref="DecisionStatus.KeepRunning"/>), and a sentence that says it plainly.
/// </summary>
public sealed record MetricDecision(
    DecisionStatus Status,
    double Progress,
    long Units,
    long PlannedUnits,
    DateTimeOffset? EstimatedDecisionDate,
    Interval RelativeInterval,
    string Message);
