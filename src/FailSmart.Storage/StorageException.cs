namespace FailSmart.Storage;

/// <summary>The one operational failure type of FailSmart's stores, with a stable code.</summary>
public sealed class StorageException : Exception
{
    public StorageException(StorageErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public StorageException()
        : this(StorageErrorCode.Unavailable, "The store failed.")
    {
    }

    public StorageException(string message)
        : this(StorageErrorCode.Unavailable, message)
    {
    }

    public StorageException(string message, Exception innerException)
        : this(StorageErrorCode.Unavailable, message, innerException)
    {
    }

    /// <summary>Why it failed.</summary>
    public StorageErrorCode Code { get; }

    /// <summary>True when the same call may succeed later (the store was briefly unreachable).</summary>
    public bool IsTransient => Code == StorageErrorCode.Unavailable;
}
