namespace FailSmart.Server.Sync;

/// <summary>
/// The loop every long-lived stream of an environment's rule set runs (the SDK stream and the OFREP event
/// stream): wait for the next configuration revision or the shared heartbeat, and after a revision write
/// only when the environment's rule set really changed (its ETag moved on).
/// </summary>
internal static class RuleSetStreamLoop
{
    private static readonly byte[] s_heartbeat = ": heartbeat\n\n"u8.ToArray();

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> ends the stream; <paramref name="sent"/> is what the client
    /// already has, and <paramref name="write"/> is given what it had and what it gets.
    /// </summary>
    public static async Task FollowAsync(
        HttpResponse response, RuleSetCache cache, ConfigChangeNotifier notifier, StreamHeartbeat heartbeat, string environment,
        RuleSet sent, Func<HttpResponse, RuleSet, RuleSet, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        long known = sent.Revision;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Both tasks are shared by every stream; only the wait for this one's cancellation is its own.
            Task<long> change = notifier.WaitForChangeAsync(known);
            await heartbeat.NextOr(change).WaitAsync(cancellationToken);
            if (!change.IsCompleted)
            {
                await WriteAsync(response, s_heartbeat, cancellationToken);
                continue;
            }

            known = await change;
            RuleSet current = cache.TryGetCurrent(environment, out RuleSet? built) ? built : await cache.GetAsync(environment, cancellationToken);
            if (current.ETag != sent.ETag)
            {
                await write(response, sent, current, cancellationToken);
                sent = current;
            }
        }
    }

    /// <summary>Writes and flushes one event already encoded: the same bytes go to every stream.</summary>
    public static async Task WriteAsync(HttpResponse response, byte[] encoded, CancellationToken cancellationToken)
    {
        // PipeWriter.WriteAsync copies into the response's own buffer and flushes in one step.
        await response.BodyWriter.WriteAsync(encoded, cancellationToken);
    }
}
