namespace FailSmart.Storage.Config;

/// <summary>The outcome of a change to a lesson or glossary term.</summary>
public enum LearningWriteStatus
{
    /// <summary>Stored and audited.</summary>
    Committed,

    /// <summary>It already was so (archiving an archived lesson); nothing written.</summary>
    Unchanged,

    /// <summary>There is no such lesson or term.</summary>
    NotFound,

    /// <summary>It is not at the expected version any more; nothing written.</summary>
    Stale,
}
