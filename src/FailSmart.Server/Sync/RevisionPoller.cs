using FailSmart.Storage;

namespace FailSmart.Server.Sync;

/// <summary>
/// Picks up writes made by other server replicas (or tools) sharing the configuration store, by
/// reading the store's revision once a second. Writes through this server publish at once.
/// </summary>
internal sealed class RevisionPoller(IConfigStore store, ConfigChangeNotifier notifier, TimeProvider timeProvider, ILogger<RevisionPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), timeProvider);
        do
        {
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
