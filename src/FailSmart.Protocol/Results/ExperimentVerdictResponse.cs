namespace FailSmart.Protocol.Results;

/// <summary>
/// The experiment's verdict. Ship only when a primary metric improved after Holm's correction across
/// primaries × treatments, every guardrail ruled out a loss beyond its margin and no check is red.
/// </summary>
/// <param name="Decision">ship, do-not-ship, keep-running, stop-for-futility or invalid.</param>
/// <param name="Reason">One sentence saying why.</param>
/// <param name="Variation">For ship: the treatment to ship.</param>
/// <param name="ExpectedDate">For keep-running: when the planned sample should be reached at the current rate.</param>
/// <param name="PlannedUnits">The planned sample over all variations: the largest of the primaries' plans and what each guardrail needs for its power.</param>
public sealed record ExperimentVerdictResponse(string Decision, string Reason, string? Variation, DateTimeOffset? ExpectedDate, long PlannedUnits);
