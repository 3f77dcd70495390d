using System.Threading.Channels;
using FailSmart.Client.Diagnostics;
using FailSmart.Client.Sync;
using FailSmart.Protocol.Events;
using Microsoft.Extensions.Logging;

namespace FailSmart.Client.Events;

/// <summary>
/// Delivers exposures and events: a bounded queue, batches, retry with backoff, a bounded pending
/// buffer (on disk when configured) while the server is unreachable, and a last flush on dispose.
/// Delivery is at least once; the server deduplicates on each event's id. Every event that a bound
/// forces out is counted. With <see cref="EventDurability.WriteAhead"/>, a <see cref="WriteAheadLog"/> holds
/// every queued event on disk until the loop is done with it.
/// </summary>
internal sealed partial class EventPipeline : IAsyncDisposable
{
    private readonly Channel<IngestEvent> _queue;
    private readonly IPendingBatches _pending;
    private readonly WriteAheadLog? _log;
    private readonly EventSender? _sender;
    private readonly FailSmartClientOptions _options;
    private readonly ILogger _logger;
    private readonly RetryDelay _retry;
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _flushGate = new();
    private readonly List<TaskCompletionSource<bool>> _flushWaiters = [];
    private readonly Task _loop;
    private long _queued;
    private long _delivered;
    private long _duplicates;
    private long _rejected;
    private long _refused;
    private long _deduplicated;
    private long _droppedQueueFull;
    private long _droppedBufferFull;
    private long _droppedAtShutdown;
    private int _stopping;
    private bool _keyRefusalLogged;

    public EventPipeline(HttpClient? http, FailSmartClientOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _retry = new RetryDelay(options.MinRetryDelay, options.MaxRetryDelay);
        _queue = Channel.CreateBounded<IngestEvent>(new BoundedChannelOptions(options.MaxQueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of waiting: the caller counts the drop
        });
        _sender = http is null ? null : new EventSender(http, options.RequestTimeout, time);
        _pending = CreatePending(options, logger);
        _log = _sender is null ? null : CreateLog(options, _pending, logger);
        if (_log is not null)
        {
            _log.Recover(options.MaxBatchSize, KeepPending);
        }

        _loop = _sender is null ? Task.CompletedTask : Task.Run(RunAsync);
    }

    public bool Enabled => _sender is not null;

    public DeliveryStatistics Statistics => new()
    {
        Queued = Interlocked.Read(ref _queued),
        Delivered = Interlocked.Read(ref _delivered),
        Duplicates = Interlocked.Read(ref _duplicates),
        Rejected = Interlocked.Read(ref _rejected),
        ExposuresDeduplicated = Interlocked.Read(ref _deduplicated),
        DroppedQueueFull = Interlocked.Read(ref _droppedQueueFull),
        DroppedBufferFull = Interlocked.Read(ref _droppedBufferFull),
        DroppedAtShutdown = Interlocked.Read(ref _droppedAtShutdown),
        Pending = _queue.Reader.Count + _pending.Count,
    };

    public void CountDeduplicated() => Interlocked.Increment(ref _deduplicated);

    /// <summary>An event the client refused before queueing it (an invalid id): counted as rejected and logged.</summary>
    public void CountRefused(string problem)
    {
        Interlocked.Increment(ref _rejected);
        long refused = Interlocked.Increment(ref _refused);
        if ((refused & (refused - 1)) == 0)
        {
            ClientLog.TrackRefused(_logger, problem, refused);
        }
    }

    /// <summary>Queues an event; when the queue is full the event is dropped and counted.</summary>
    public void Enqueue(IngestEvent item)
    {
        if (_sender is null)
        {
            return;
        }

        long position = 0;
        if (Volatile.Read(ref _stopping) == 0 && (_log is null ? _queue.Writer.TryWrite(item) : _log.Append(item, _queue.Writer, out position)))
        {
            Interlocked.Increment(ref _queued);
            if (_queue.Reader.Count >= _options.MaxBatchSize)
            {
                Wake();
            }

            _log?.WaitUntilDurable(position);
            return;
        }

        long dropped = Interlocked.Increment(ref _droppedQueueFull);
        FailSmartTelemetry.EventsDropped.Add(1);
        if ((dropped & (dropped - 1)) == 0) // 1, 2, 4, 8 …: a log that cannot flood
        {
            ClientLog.EventsDropped(_logger, "the queue is full (FailSmart:MaxQueueSize)", dropped);
        }
    }

    /// <summary>Sends everything now, ignoring any backoff once. True when nothing is left pending.</summary>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        if (_sender is null || _loop.IsCompleted)
        {
            return _pending.IsEmpty && _queue.Reader.Count == 0;
        }

        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_flushGate)
        {
            _flushWaiters.Add(waiter);
        }

        Wake();
        return await waiter.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        Wake();
        try
        {
            await _loop.WaitAsync(_options.ShutdownFlushTimeout);
        }
        catch (TimeoutException)
        {
            await _abort.CancelAsync();
            await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // What is still in memory now cannot be delivered: count it.
        long left = 0;
        while (_queue.Reader.TryRead(out _))
        {
            left++;
        }

        if (_log is not null)
        {
            left = 0; // still in the write-ahead log: the next start sends them
        }

        if (_pending is MemoryPendingBatches)
        {
            left += _pending.Count;
        }

        if (left > 0)
        {
            Interlocked.Add(ref _droppedAtShutdown, left);
            FailSmartTelemetry.EventsDropped.Add(left);
            ClientLog.EventsDropped(_logger, "not delivered before the shutdown flush timeout (FailSmart:ShutdownFlushTimeout)", Statistics.Dropped);
        }

        CompleteFlushWaiters(_pending.IsEmpty);
        _log?.Dispose();
        _abort.Dispose();
        _wake.Dispose();
    }

    private static IPendingBatches CreatePending(FailSmartClientOptions options, ILogger logger)
    {
        if (options.EventBufferDirectory is { } directory)
        {
            try
            {
                return new DiskPendingBatches(directory, options.MaxEventBufferBytes, logger);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ClientLog.BufferFileUnreadable(logger, directory, "the event buffer folder is unusable, so events wait in memory: " + e.Message);
            }
        }

        return new MemoryPendingBatches(options.MaxPendingEvents);
    }

    // The log needs the disk buffer: events it hands back at start, and batches the server cannot take now,
    // must stay on disk; without one the client keeps events in memory and says so.
    private static WriteAheadLog? CreateLog(FailSmartClientOptions options, IPendingBatches pending, ILogger logger)
    {
        if (options.EventDurability != EventDurability.WriteAhead || options.EventBufferDirectory is not { } directory || pending is not DiskPendingBatches)
        {
            return null;
        }

        try
        {
            return new WriteAheadLog(directory, logger);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ClientLog.LogWriteFailed(logger, directory, "the write-ahead log cannot be opened, so events wait in memory: " + e.Message);
            return null;
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed: nothing to wake.
        }
    }
}
