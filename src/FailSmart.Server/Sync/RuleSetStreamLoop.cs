namespace FailSmart.Server.Sync;

/// <summary>
/// The loop every long-lived stream of an environment's rule set runs (the SDK stream and the OFREP event
/// stream): wait for the next configuration revision or the shared heartbeat, and after a revision write
/// only when the environment's rule set really changed (its ETag moved on).
/// </summary>
internal static class RuleSetStreamLoop
{
    private static readonly byte[] s_heartbeat = ": heartbeat\n\n"u8.ToArray();

    /// <summary>Runs until <paramref name="cancellationToken"/> ends the stream; <paramref name="sent"/> is what the client already has.</summary>
    public static async Task FollowAsync(
        HttpResponse response, RuleSetCache cache, ConfigChangeNotifier notifier, StreamHeartbeat heartbeat, string environment,
        RuleSet sent, Func<HttpResponse, RuleSet, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        long known = sent.Revision;
        string sentETag = sent.ETag;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Both tasks are shared by every stream; only the wait for this one's cancellation is its own.
            Task<long> change = notifier.WaitForChangeAsync(known);
            await Task.WhenAny(change, heartbeat.Next).WaitAsync(cancellationToken);
            if (!change.IsCompleted)
            {
                await response.Body.WriteAsync(s_heartbeat, cancellationToken);
                await response.Body.FlushAsync(cancellationToken);
                continue;
            }

            known = await change;
            RuleSet current = await cache.GetAsync(environment, cancellationToken);
            if (current.ETag != sentETag)
            {
                await write(response, current, cancellationToken);
                sentETag = current.ETag;
            }
        }
    }
}
