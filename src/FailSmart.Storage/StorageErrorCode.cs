namespace FailSmart.Storage;

/// <summary>Why a store operation failed; stable across releases so callers can branch on it.</summary>
public enum StorageErrorCode
{
    /// <summary>The data folder cannot be created or written.</summary>
    DataFolderUnusable,

    /// <summary>A database file exists but is not a readable database of the expected engine.</summary>
    CorruptDatabase,

    /// <summary>The database was written by a newer FailSmart.</summary>
    SchemaTooNew,

    /// <summary>The store did not answer; retrying may succeed.</summary>
    Unavailable,

    /// <summary>The engine answered but refused the statement (a bug or an incompatible server); retrying will not help.</summary>
    QueryFailed,

    /// <summary>The store's settings are wrong (a missing database, a refused password, a bad connection string); fix them, retrying will not help.</summary>
    Misconfigured,
}
