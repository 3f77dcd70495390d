namespace FailSmart.Storage.Config;

/// <summary>Where a change request is in its life. Stored as lower-case names.</summary>
public enum ChangeRequestStatus
{
    /// <summary>Waiting for someone other than its author to decide.</summary>
    Pending,

    /// <summary>Approved; the change is being applied.</summary>
    Approved,

    /// <summary>The change was written; <see cref="ChangeRequest.AppliedRevision"/> says at which revision.</summary>
    Applied,

    /// <summary>Someone decided against it.</summary>
    Rejected,

    /// <summary>The resource changed after the author read it, so the change could not be applied as proposed.</summary>
    Conflict,

    /// <summary>Its author took it back.</summary>
    Withdrawn,
}
