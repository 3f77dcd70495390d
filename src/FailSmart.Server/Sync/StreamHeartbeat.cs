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

    private Wake? _wake;

    /// <summary>Completes at the next beat.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>
    /// Completes at the next beat or when <paramref name="change"/> does: one task for every stream waiting on the
    /// same change, instead of one per stream per wait.
    /// </summary>
    public Task NextOr(Task change)
    {
        Task beat = Next;
        if (Volatile.Read(ref _wake) is { } wake && wake.Change == change && wake.Beat == beat)
        {
            return wake.Either;
        }

        // Two streams racing here may each make one; both are correct, and the last one is kept. Its waiters
        // resume on the thread pool one by one, as they did on the change itself, not all on one thread.
        var either = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.WhenAny(change, beat).ContinueWith(
            static (_, state) => ((TaskCompletionSource)state!).TrySetResult(), either, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Volatile.Write(ref _wake, new Wake(change, beat, either.Task));
        return either.Task;
    }

    public void Dispose() => _timer.Dispose();

    private void Beat() => Interlocked.Exchange(ref _next, NewBeat()).TrySetResult();

    private sealed record Wake(Task Change, Task Beat, Task Either);

    private static TaskCompletionSource NewBeat() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
