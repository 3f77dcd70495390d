using FailSmart.Storage;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Sync;

/// <summary>
/// Hears other replicas' writes as they commit: one dedicated connection to a configuration store that
/// announces revisions (PostgreSQL's LISTEN/NOTIFY) publishes each to the <see cref="ConfigChangeNotifier"/>
/// at once. After every (re)connect it reads the revision, since announcements made while it was away are
/// lost; while it is away, <see cref="RevisionPoller"/> polls every second instead.
/// </summary>
internal sealed class RevisionListener(
    IConfigStore store, ConfigChangeNotifier notifier, IOptions<SyncOptions> options, TimeProvider timeProvider, ILogger<RevisionListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromSeconds(30);

    private volatile bool _listening;

    /// <summary>Whether announcements are being heard now; the poller slows down while they are.</summary>
    public bool IsListening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store is not IRevisionFeed feed || !options.Value.ListenForChanges)
        {
            return;
        }

        TimeSpan retry = s_firstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using IRevisionSubscription subscription = await feed.SubscribeAsync(stoppingToken);
                notifier.Publish(await store.GetRevisionAsync(stoppingToken));
                _listening = true;
                ServerLog.ListeningForRevisions(logger);
                retry = s_firstRetry;
                while (true)
                {
                    notifier.Publish(await subscription.NextAsync(stoppingToken));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _listening = false;
                ServerLog.RevisionListenerLost(logger, ex, retry.TotalSeconds);
            }
            finally
            {
                _listening = false;
            }

            try
            {
                await Task.Delay(retry, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, s_longestRetry.Ticks));
        }
    }
}
