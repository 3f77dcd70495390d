using Microsoft.Extensions.Options;

namespace FailSmart.Server.Sync;

/// <summary>
/// One clock for the heartbeats of every SDK stream. Each stream waits on the same task per beat, so
/// ten thousand idle streams cost one timer, not ten thousand timers created on every wait.
/// </summary>
internal sealed class StreamHeartbeat : IDisposable
{
    private readonly ITimer _timer;
    private TaskCompletionSource _next = NewBeat();

    public StreamHeartbeat(IOptions<SyncOptions> options, TimeProvider timeProvider)
    {
        TimeSpan period = TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatSeconds));
        _timer = timeProvider.CreateTimer(_ => Beat(), null, period, period);
    }

    /// <summary>Completes at the next beat.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Dispose() => _timer.Dispose();

    private void Beat() => Interlocked.Exchange(ref _next, NewBeat()).TrySetResult();

    private static TaskCompletionSource NewBeat() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
