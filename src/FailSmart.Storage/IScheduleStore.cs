using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// Configuration changes to apply later, kept in the configuration store so replicas share them. Every
/// change of status is a compare-and-set from <see cref="ScheduleStatus.Pending"/>, and applying one is a
/// single transaction with the resource write, so a change is applied at most once, and a crash at any
/// moment leaves it either pending (applied on the next look) or applied.
/// </summary>
public interface IScheduleStore
{
    /// <summary>Stores a pending change and audits it as "schedule.create", with the change as "after".</summary>
    Task<ScheduledChange> CreateScheduleAsync(NewScheduledChange change, CancellationToken cancellationToken = default);

    /// <summary>The scheduled change with this id, or null.</summary>
    Task<ScheduledChange?> GetScheduleAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>A filtered page of scheduled changes, newest first.</summary>
    Task<IReadOnlyList<ScheduledChange>> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default);

    /// <summary>Pending changes due at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<ScheduledChange>> ListDueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Cancels a pending change, audited as "schedule.cancel"; null when it is not pending (or does not exist).</summary>
    Task<ScheduledChange?> CancelScheduleAsync(long id, string actor, string? reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a pending change in one transaction: the resource write (<paramref name="action"/> "create",
    /// or an update audited as <paramref name="action"/>) with its own audit entry, the change marked applied
    /// with the revision, and a "schedule.apply" audit entry. Null when the change is no longer pending
    /// (another replica applied or someone cancelled it); otherwise the write's outcome, and anything but
    /// <see cref="WriteStatus.Committed"/> leaves everything as it was.
    /// </summary>
    Task<WriteOutcome?> ApplyScheduleAsync(long id, ResourceWrite write, string action, CancellationToken cancellationToken = default);

    /// <summary>Marks a pending change failed, with why, audited as "schedule.fail"; null when it is not pending.</summary>
    Task<ScheduledChange?> FailScheduleAsync(long id, string message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Files the change request a due change becomes in an environment that requires approval, and marks the
    /// change as waiting for it, in one transaction; null when the change is no longer pending.
    /// </summary>
    Task<ChangeRequest?> RequestScheduleApprovalAsync(long id, NewChangeRequest request, CancellationToken cancellationToken = default);
}
