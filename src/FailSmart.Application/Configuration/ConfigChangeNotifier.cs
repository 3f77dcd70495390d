namespace FailSmart.Application.Configuration;

/// <summary>
/// Tells every waiting stream that the configuration revision advanced. Waiters share one task per
/// revision, so a change wakes a thousand streams with one completion and no per-stream bookkeeping.
/// </summary>
public sealed class ConfigChangeNotifier
{
    private readonly Lock _gate = new();
    private long _revision;
    private TaskCompletionSource<long> _next = NewSignal();

    /// <summary>The newest revision this process knows of.</summary>
    public long Revision => Volatile.Read(ref _revision);

    /// <summary>Records a committed revision; older or equal revisions are ignored.</summary>
    public void Publish(long revision)
    {
        TaskCompletionSource<long> toComplete;
        lock (_gate)
        {
            if (revision <= _revision)
            {
                return;
            }

            _revision = revision;
            toComplete = _next;
            _next = NewSignal();
        }

        toComplete.SetResult(revision);
    }

    /// <summary>
    /// Completes with the newest revision once it is greater than <paramref name="known"/>. Every waiter
    /// at the current revision gets the same task; cancel by waiting on it with a token.
    /// </summary>
    public Task<long> WaitForChangeAsync(long known)
    {
        lock (_gate)
        {
            return _revision > known ? Task.FromResult(_revision) : _next.Task;
        }
    }

    private static TaskCompletionSource<long> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
