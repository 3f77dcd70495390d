using FailSmart.Application.Rollouts;

namespace FailSmart.Server.Rollouts;

/// <summary>
/// Asks the rollout engine to look every <see cref="RolloutEngineOptions.LookInterval"/>. Every replica runs
/// one; only the lease holder's looks do anything, and another replica takes over when it stops renewing.
/// A failed look changes nothing and the next one tries again.
/// </summary>
internal sealed class RolloutLooker(IRolloutEngine engine, RolloutEngineOptions options, TimeProvider clock, ILogger<RolloutLooker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.LookInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.LookInterval, clock);
        do
        {
            try
            {
                RolloutLookResult result = await engine.LookAsync(stoppingToken);
                if (result.Transitions > 0)
                {
                    RolloutServerLog.Looked(logger, result.Rollouts, result.Transitions);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RolloutServerLog.LookFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
