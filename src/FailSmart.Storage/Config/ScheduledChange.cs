namespace FailSmart.Storage.Config;

/// <summary>A stored scheduled change: the change (as <see cref="NewScheduledChange"/>) and what became of it.</summary>
/// <param name="Id">Increasing with time.</param>
/// <param name="Change">The change as its author wrote it.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="CreatedAt">When it was scheduled.</param>
/// <param name="FinishedAt">When it left <see cref="ScheduleStatus.Pending"/>.</param>
/// <param name="FinishedBy">Who cancelled it, or the author it was applied as.</param>
/// <param name="AppliedRevision">The configuration revision of the applied write.</param>
/// <param name="Message">Why it failed, or the reason it was cancelled.</param>
/// <param name="ChangeRequestId">The change request it became, when the environment requires approval.</param>
public sealed record ScheduledChange(
    long Id,
    NewScheduledChange Change,
    ScheduleStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? FinishedBy,
    long? AppliedRevision,
    string? Message,
    long? ChangeRequestId);
