using FailSmart.Application.Schedules;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Schedules;

/// <summary>
/// Looks for due scheduled changes every <see cref="ScheduleRunnerOptions.Interval"/> on the host's clock and
/// applies them. Every replica may run it: applying is a compare-and-set in the write's own transaction.
/// </summary>
internal sealed class Scheduler(IScheduleRunner runner, IOptions<ScheduleRunnerOptions> options, TimeProvider clock, ILogger<Scheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan interval = options.Value.Interval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await runner.RunDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SchedulerLog.RunFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
