namespace FailSmart.Storage.Config;

/// <summary>What happened to a write. Expected outcomes are values, not exceptions.</summary>
public enum WriteStatus
{
    /// <summary>The write was committed, with its audit entry and a new revision.</summary>
    Committed,

    /// <summary>No resource of that kind and key exists.</summary>
    NotFound,

    /// <summary>A resource of that kind and key already exists.</summary>
    AlreadyExists,

    /// <summary>Someone else wrote since the writer's read: the expected version is stale.</summary>
    VersionConflict,

    /// <summary>The resource is already in the state asked for (archived, or not archived): nothing was written.</summary>
    Unchanged,

    /// <summary>The resource is archived, so it cannot be updated until it is unarchived.</summary>
    Archived,

    /// <summary>Another change was committed after the configuration revision the writer validated at: validate again.</summary>
    ConfigurationChanged,
}

/// <summary>The result of a write: the status and, when committed, the stored resource and the new revision.</summary>
public sealed record WriteOutcome(WriteStatus Status, StoredResource? Resource, long Revision);
