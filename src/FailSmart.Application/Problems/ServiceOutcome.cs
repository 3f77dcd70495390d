namespace FailSmart.Application.Problems;

/// <summary>How a service request ended.</summary>
public enum ServiceOutcome
{
    /// <summary>Something new was stored.</summary>
    Created,

    /// <summary>An existing thing changed.</summary>
    Changed,

    /// <summary>Nothing needed to change (archiving an archived resource); the value is as it is.</summary>
    Unchanged,

    /// <summary>The change waits for someone else's approval; <see cref="ServiceResult{T}.Request"/> says where.</summary>
    PendingApproval,

    /// <summary>Refused; <see cref="ServiceResult{T}.Problem"/> says why and nothing changed.</summary>
    Refused,
}
