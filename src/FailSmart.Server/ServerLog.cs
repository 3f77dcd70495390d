using FailSmart.Storage;

namespace FailSmart.Server;

/// <summary>The server's log messages, with stable event ids. User attributes and keys are never logged.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Using data folder {DataPath}")]
    public static partial void UsingDataFolder(ILogger logger, string dataPath);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "The {Role} store ({Provider}) is ready at schema version {SchemaVersion}")]
    public static partial void StoreReady(ILogger logger, string role, string provider, int schemaVersion);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Critical, Message = "Start-up failed ({Code}): {Reason}")]
    public static partial void StartupFailed(ILogger logger, StorageErrorCode code, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Stopping: finishing requests in flight and closing the stores")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "No admin key existed, so admin key {KeyId} was created and shown on the console")]
    public static partial void AdminKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Reading the configuration revision failed; streams keep their last rule set")]
    public static partial void RevisionPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "The exposure queue is full; an OFREP exposure was dropped and counted")]
    public static partial void ExposureDropped(ILogger logger);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Error, Message = "Writing {Count} OFREP exposures failed; they were counted as dropped")]
    public static partial void ExposureWriteFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Checking API key {KeyId} for its open streams failed; it is checked again at the next revision")]
    public static partial void KeyCheckFailed(ILogger logger, Exception exception, string keyId);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Listening for other replicas' configuration changes")]
    public static partial void ListeningForRevisions(ILogger logger);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Warning, Message = "Stopped hearing other replicas' configuration changes; polling every second meanwhile, and listening again in {RetrySeconds} s")]
    public static partial void RevisionListenerLost(ILogger logger, Exception exception, double retrySeconds);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "Bootstrap admin key {KeyId} was registered by another replica starting at the same time")]
    public static partial void BootstrapKeyRegisteredElsewhere(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Critical, Message = "Start-up failed unexpectedly")]
    public static partial void StartupFailedUnexpectedly(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Error, Message = "Unhandled error while serving {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "A store did not answer while serving {Method} {Path}; answered 503")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Refreshing experiment results failed; the previous results stay cached")]
    public static partial void ResultsRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Refreshed {Count} experiment results")]
    public static partial void ResultsRefreshed(ILogger logger, int count);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "This replica ({Holder}) now refreshes results on the schedule for every replica")]
    public static partial void BecameResultsLeader(ILogger logger, string holder);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "This replica ({Holder}) no longer refreshes results on the schedule; another holds the lease")]
    public static partial void LostResultsLeadership(ILogger logger, string holder);
}
