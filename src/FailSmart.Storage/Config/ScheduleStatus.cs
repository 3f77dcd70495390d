namespace FailSmart.Storage.Config;

/// <summary>Where a scheduled change is in its life. Stored as lower-case names, with dashes.</summary>
public enum ScheduleStatus
{
    /// <summary>Waiting for its due time.</summary>
    Pending,

    /// <summary>Written, exactly once; <see cref="ScheduledChange.AppliedRevision"/> says at which revision.</summary>
    Applied,

    /// <summary>Taken back before it was due; it will never be applied.</summary>
    Cancelled,

    /// <summary>Could not be applied when due (changed since, no longer valid, author no longer allowed); nothing was written.</summary>
    Failed,

    /// <summary>Due in an environment that requires approval: it became change request <see cref="ScheduledChange.ChangeRequestId"/>.</summary>
    WaitingForApproval,
}
