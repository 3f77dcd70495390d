using Microsoft.Extensions.Logging;

namespace FailSmart.Application.Schedules;

/// <summary>Scheduler log messages. They name schedule ids and revisions, never documents.</summary>
internal static partial class ScheduleLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Scheduled change {ScheduleId} was applied at revision {Revision}")]
    public static partial void Applied(ILogger logger, long scheduleId, long revision);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Scheduled change {ScheduleId} failed: {Message}")]
    public static partial void Failed(ILogger logger, long scheduleId, string message);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Scheduled change {ScheduleId} became change request {RequestId}")]
    public static partial void AwaitsApproval(ILogger logger, long scheduleId, long requestId);
}
