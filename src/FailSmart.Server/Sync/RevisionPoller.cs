using FailSmart.Storage;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Sync;

/// <summary>
/// Picks up writes made by other server replicas (or tools) sharing the configuration store by reading the
/// store's revision: every <see cref="SyncOptions.PollSeconds"/> (one) while nothing announces them, and only
/// every <see cref="SyncOptions.PollSecondsWhileListening"/> (five) as a safety net while the
/// <see cref="RevisionListener"/> hears each commit. Writes through this server publish at once.
/// </summary>
internal sealed class RevisionPoller(
    IConfigStore store, ConfigChangeNotifier notifier, RevisionListener listener, IOptions<SyncOptions> options, TimeProvider timeProvider, ILogger<RevisionPoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeSpan whileListening = TimeSpan.FromSeconds(options.Value.PollSecondsWhileListening);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.PollSeconds), timeProvider);
        long lastPoll = 0;
        do
        {
            // A lost listener is seen at the next tick, so polling speeds up within one PollSeconds.
            if (lastPoll != 0 && listener.IsListening && timeProvider.GetElapsedTime(lastPoll) < whileListening)
            {
                continue;
            }

            lastPoll = timeProvider.GetTimestamp();
            try
            {
                notifier.Publish(await store.GetRevisionAsync(stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServerLog.RevisionPollFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
