using Microsoft.Extensions.Logging;

namespace FailSmart.Client.Diagnostics;

/// <summary>Every message the client logs (event ids 3000+). Keys and user attributes are never logged.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(3000, LogLevel.Information, "FailSmart client state {Previous} -> {Current}: {Reason}")]
    public static partial void StateChanged(ILogger logger, ClientState previous, ClientState current, string reason);

    [LoggerMessage(3001, LogLevel.Information, "FailSmart rule set revision {Revision} from {Origin} is in use.")]
    public static partial void RuleSetApplied(ILogger logger, long revision, RuleSetOrigin origin);

    [LoggerMessage(3002, LogLevel.Warning, "FailSmart could not reach the server ({Reason}); retrying in {Delay}.")]
    public static partial void SyncFailed(ILogger logger, string reason, TimeSpan delay);

    [LoggerMessage(3003, LogLevel.Error, "FailSmart: the server refused the server key (HTTP {Status}). Check FailSmart:ServerKey: it must be a server key for this environment. Retrying in {Delay}; this is logged once until it works.")]
    public static partial void KeyRefused(ILogger logger, int status, TimeSpan delay);

    [LoggerMessage(3004, LogLevel.Warning, "FailSmart ignored the cached rule set {Path}: {Problem}")]
    public static partial void CacheUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(3005, LogLevel.Warning, "FailSmart could not write the rule set cache {Path}: {Problem}")]
    public static partial void CacheWriteFailed(ILogger logger, string path, string problem);

    [LoggerMessage(3006, LogLevel.Warning, "FailSmart ignored the bootstrap file {Path}: {Problem}")]
    public static partial void BootstrapUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(3007, LogLevel.Warning, "FailSmart received a rule set it cannot use and keeps the last good one: {Problem}")]
    public static partial void RuleSetRejected(ILogger logger, string problem);

    [LoggerMessage(3008, LogLevel.Error, "An exception escaped a FailSmart event handler; it was ignored.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(3009, LogLevel.Error, "FailSmart caught an unexpected fault during evaluation of {FlagKey} and returned the default.")]
    public static partial void EvaluationFault(ILogger logger, string flagKey, Exception exception);

    [LoggerMessage(3010, LogLevel.Warning, "FailSmart dropped events: {What}. Dropped so far: {Dropped}. See IFailSmartClient.Delivery.")]
    public static partial void EventsDropped(ILogger logger, string what, long dropped);

    [LoggerMessage(3011, LogLevel.Warning, "FailSmart could not deliver {Count} events ({Reason}); they are kept and retried in {Delay}.")]
    public static partial void DeliveryFailed(ILogger logger, int count, string reason, TimeSpan delay);

    [LoggerMessage(3012, LogLevel.Warning, "FailSmart's server refused {Count} events: {Reason}")]
    public static partial void EventsRejected(ILogger logger, int count, string reason);

    [LoggerMessage(3013, LogLevel.Warning, "FailSmart ignored an unreadable event buffer file {Path}: {Problem}")]
    public static partial void BufferFileUnreadable(ILogger logger, string path, string problem);

    [LoggerMessage(3014, LogLevel.Information, "FailSmart delivered the events it had kept while the server was unreachable.")]
    public static partial void DeliveryRecovered(ILogger logger);

    [LoggerMessage(3015, LogLevel.Error, "FailSmart's background {Loop} loop failed unexpectedly and restarts.")]
    public static partial void LoopFault(ILogger logger, string loop, Exception exception);

    [LoggerMessage(3016, LogLevel.Debug, "FailSmart could not send evaluation insights ({Reason}); they are kept and sent with the next flush.")]
    public static partial void UsageNotSent(ILogger logger, string reason);

    [LoggerMessage(3017, LogLevel.Warning, "FailSmart's server refused an evaluation insights report (HTTP {Status}): {Problem}")]
    public static partial void UsageRefused(ILogger logger, int status, string problem);

    [LoggerMessage(3019, LogLevel.Warning, "FailSmart did not track an event: {Problem}. Refused so far: {Refused}.")]
    public static partial void TrackRefused(ILogger logger, string problem, long refused);

    [LoggerMessage(3020, LogLevel.Information, "FailSmart found {Count} events in its write-ahead log from an earlier run; they are sent first.")]
    public static partial void LogRecovered(ILogger logger, long count);

    [LoggerMessage(3021, LogLevel.Error, "FailSmart could not write its write-ahead log {Path} ({Problem}); events wait in memory until it works again.")]
    public static partial void LogWriteFailed(ILogger logger, string path, string problem);

    [LoggerMessage(3018, LogLevel.Warning, "FailSmart dropped an unsent evaluation insights report of {Count} evaluations: the server has been unreachable for too long.")]
    public static partial void UsageDropped(ILogger logger, long count);

    [LoggerMessage(3022, LogLevel.Information, "FailSmart could not apply the server's patch to revision {Revision} ({Problem}); it reconnects for the full rule set.")]
    public static partial void PatchNotApplied(ILogger logger, long revision, string problem);
}
