namespace FailSmart.Server.Rollouts;

/// <summary>The rollout engine's host log messages (event ids 1350+).</summary>
internal static partial class RolloutServerLog
{
    [LoggerMessage(EventId = 1350, Level = LogLevel.Information, Message = "Rollout look: {Rollouts} guarded rollouts, {Transitions} moved")]
    public static partial void Looked(ILogger logger, int rollouts, int transitions);

    [LoggerMessage(EventId = 1351, Level = LogLevel.Error, Message = "A rollout look failed; the next look tries again")]
    public static partial void LookFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1352, Level = LogLevel.Warning, Message = "Guarded rollouts run on their own clock (Rollouts:Clock), {Speed} times real time; for tests and demos only")]
    public static partial void FastClock(ILogger logger, double speed);
}
