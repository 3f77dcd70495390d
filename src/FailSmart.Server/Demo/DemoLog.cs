namespace FailSmart.Server.Demo;

internal static partial class DemoLog
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Generating the demo (seed {Seed}): {Units} units over {Days} simulated days.")]
    public static partial void Generating(ILogger logger, int seed, int units, int days);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Demo generated in {Seconds:0.0} s: {Exposures} exposures and {Events} metric events imported, {Transitions} rollout transitions.")]
    public static partial void Generated(ILogger logger, double seconds, long exposures, long events, int transitions);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Demo generation failed after part of it was written.")]
    public static partial void Failed(ILogger logger, Exception exception);
}
