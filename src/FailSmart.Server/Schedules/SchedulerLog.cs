namespace FailSmart.Server.Schedules;

/// <summary>The scheduler's and the webhook dispatcher's log messages (event ids 1300+).</summary>
internal static partial class SchedulerLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Applying due scheduled changes failed; they are tried again at the next look")]
    public static partial void RunFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Dispatching webhooks failed; the dispatcher tries again at the next look")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} attempt {Attempt} failed ({Error}); status {Status}")]
    public static partial void AttemptFailed(ILogger logger, long deliveryId, int attempt, string error, Storage.Config.DeliveryStatus status);
}
