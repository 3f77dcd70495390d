namespace FailSmart.Storage.Config;

/// <summary>Where a change request is in its life.</summary>
public enum ChangeRequestStatus
{
    Pending,
    Approved,
    Applied,
    Rejected,
    Conflict,
    Withdrawn,
}
