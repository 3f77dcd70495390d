namespace FailSmart.Statistics;

/// <summary>
/// The experiment's verdict: the decision, one sentence saying why, the variation to ship (for
/// <see cref="VerdictKind.Ship"/>), the date the planned sample is expected at the current rate (for
/// <see cref="VerdictKind.KeepRunning"/>), that planned sample, and how each metric was read.
/// </summary>
public sealed record Verdict(
    VerdictKind Kind,
    string Reason,
    string? Variation,
    DateTimeOffset? ExpectedDate,
    long PlannedUnits,
    IReadOnlyList<VerdictReading> Readings);
