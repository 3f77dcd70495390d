using FailSmart.Storage.Config;
using Microsoft.Extensions.Logging;

namespace FailSmart.Application.Rollouts;

/// <summary>Rollout engine log messages. They name flags, rules and environments, never units or attributes.</summary>
internal static partial class RolloutLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Rollout {Rollout}: {Action} ({Reason})")]
    public static partial void Moved(ILogger logger, RolloutKey rollout, string action, string reason);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Rollout {Rollout}: {Action} not committed ({Status}); the next look tries again")]
    public static partial void NotCommitted(ILogger logger, RolloutKey rollout, string action, RolloutTransitionStatus status);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Rollout {Rollout}: {Action} would leave the flag invalid: {Detail}")]
    public static partial void Invalid(ILogger logger, RolloutKey rollout, string action, string detail);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "The stored configuration does not load, so no rollout was moved")]
    public static partial void ConfigurationUnreadable(ILogger logger);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Information, Message = "This replica ({Holder}) now runs guarded rollouts")]
    public static partial void BecameLeader(ILogger logger, string holder);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "This replica ({Holder}) no longer runs guarded rollouts; another holds the lease")]
    public static partial void LostLeadership(ILogger logger, string holder);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Error, Message = "Rollout {Rollout}: the look failed")]
    public static partial void LookFailed(ILogger logger, RolloutKey rollout, Exception exception);
}
