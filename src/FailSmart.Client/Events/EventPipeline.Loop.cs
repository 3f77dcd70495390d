using FailSmart.Client.Diagnostics;
using FailSmart.Protocol.Events;

namespace FailSmart.Client.Events;

internal sealed partial class EventPipeline
{
    private async Task RunAsync()
    {
        int failures = 0;
        DateTimeOffset retryAt = DateTimeOffset.MinValue;
        CancellationToken abort = _abort.Token;
        while (true)
        {
            bool stopping = Volatile.Read(ref _stopping) == 1;
            if (!stopping)
            {
                TimeSpan wait = _options.FlushInterval;
                if (!_pending.IsEmpty && retryAt - DateTimeOffset.UtcNow is { } untilRetry && untilRetry < wait)
                {
                    wait = untilRetry < TimeSpan.Zero ? TimeSpan.Zero : untilRetry;
                }

                try
                {
                    await _wake.WaitAsync(wait, abort);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            bool flushRequested;
            lock (_flushGate)
            {
                flushRequested = _flushWaiters.Count > 0;
            }

            // A flush or the shutdown ignores the backoff once.
            bool force = flushRequested || stopping;
            try
            {
                (failures, retryAt) = await DeliverRoundAsync(force, failures, retryAt, abort);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive anything; events stay queued or pending
            catch (Exception e)
#pragma warning restore CA1031
            {
                ClientLog.LoopFault(_logger, "event delivery", e);
                failures++;
                retryAt = DateTimeOffset.UtcNow + _retry.Next(failures);
            }

            bool empty = _pending.IsEmpty && _queue.Reader.Count == 0;
            if (flushRequested)
            {
                CompleteFlushWaiters(empty);
            }

            if (stopping && (empty || _queue.Reader.Completion.IsCompleted && _pending is DiskPendingBatches))
            {
                return;
            }

            if (stopping && !empty && failures > 0)
            {
                // The server is unreachable at shutdown: wait a little before the next try, within the flush timeout.
                await Task.Delay(_retry.Next(failures), abort).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (abort.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sends pending batches (oldest first) and then the queue, until both are empty or the server fails.</summary>
    private async Task<(int Failures, DateTimeOffset RetryAt)> DeliverRoundAsync(bool force, int failures, DateTimeOffset retryAt, CancellationToken abort)
    {
        bool mayTry = force || DateTimeOffset.UtcNow >= retryAt;
        while (true)
        {
            if (!_pending.IsEmpty)
            {
                if (!mayTry)
                {
                    MoveQueueToPending();
                    return (failures, retryAt);
                }

                IReadOnlyList<IngestEvent>? oldest = _pending.Peek(out int lost);
                CountBufferDrops(lost, "unreadable buffer file");
                if (oldest is null)
                {
                    continue;
                }

                DeliveryOutcome outcome = await _sender!.SendAsync(oldest, abort);
                if (outcome.Result == DeliveryResult.Retry)
                {
                    return Failed(outcome, oldest.Count, failures + 1);
                }

                // Out of the pending count before into the delivered one, so no reader of the
                // statistics sees these events counted in both.
                int delivered = oldest.Count;
                _pending.RemoveOldest();
                Count(outcome, delivered);
                if (_pending.IsEmpty)
                {
                    ClientLog.DeliveryRecovered(_logger);
                }

                failures = 0;
                continue;
            }

            List<IngestEvent> batch = TakeBatch();
            if (batch.Count == 0)
            {
                return (0, DateTimeOffset.MinValue);
            }

            if (!mayTry)
            {
                Keep(batch);
                continue;
            }

            DeliveryOutcome sent;
            try
            {
                sent = await _sender!.SendAsync(batch, abort);
            }
            catch
            {
                // Cancelled at the shutdown timeout, or failed: the batch is out of the queue, so keep it where the
                // shutdown counts it (memory) or the next start sends it (disk), never nowhere.
                Keep(batch);
                throw;
            }

            if (sent.Result == DeliveryResult.Retry)
            {
                Keep(batch);
                MoveQueueToPending();
                return Failed(sent, batch.Count, failures + 1);
            }

            Count(sent, batch.Count);
            _log?.Done(batch.Count);
            failures = 0;
        }
    }

    private (int, DateTimeOffset) Failed(DeliveryOutcome outcome, int count, int failures)
    {
        TimeSpan delay = outcome.KeyRefused ? _options.AuthFailureRetryDelay : outcome.RetryAfter ?? _retry.Next(failures);
        if (!outcome.KeyRefused || !_keyRefusalLogged)
        {
            ClientLog.DeliveryFailed(_logger, count, outcome.Reason ?? "unknown", delay);
            _keyRefusalLogged |= outcome.KeyRefused;
        }

        return (failures, DateTimeOffset.UtcNow + delay);
    }

    private void Count(DeliveryOutcome outcome, int batchSize)
    {
        _keyRefusalLogged = false;
        if (outcome.Result == DeliveryResult.Refused)
        {
            Interlocked.Add(ref _rejected, batchSize);
            ClientLog.EventsRejected(_logger, batchSize, outcome.Reason ?? "the batch was refused");
            return;
        }

        Interlocked.Add(ref _delivered, outcome.Accepted + outcome.Duplicates);
        Interlocked.Add(ref _duplicates, outcome.Duplicates);
        FailSmartTelemetry.EventsDelivered.Add(outcome.Accepted + outcome.Duplicates);
        if (outcome.Rejected > 0)
        {
            Interlocked.Add(ref _rejected, outcome.Rejected);
            ClientLog.EventsRejected(_logger, outcome.Rejected, outcome.Reason ?? "invalid events");
        }
    }

    private List<IngestEvent> TakeBatch()
    {
        var batch = new List<IngestEvent>(Math.Min(_options.MaxBatchSize, Math.Max(1, _queue.Reader.Count)));
        while (batch.Count < _options.MaxBatchSize && _queue.Reader.TryRead(out IngestEvent? item))
        {
            batch.Add(item);
        }

        return batch;
    }

    private void MoveQueueToPending()
    {
        for (List<IngestEvent> batch = TakeBatch(); batch.Count > 0; batch = TakeBatch())
        {
            Keep(batch);
        }
    }

    // Every batch taken from the queue ends here or in a delivery; either way the write-ahead log is done with it.
    private void Keep(List<IngestEvent> batch)
    {
        KeepPending(batch);
        _log?.Done(batch.Count);
    }

    private void KeepPending(IReadOnlyList<IngestEvent> batch)
    {
        if (!_pending.TryAdd(batch))
        {
            CountBufferDrops(batch.Count, _pending is DiskPendingBatches ? "the disk buffer is full (FailSmart:MaxEventBufferBytes)" : "the pending buffer is full (FailSmart:MaxPendingEvents)");
        }
    }

    private void CountBufferDrops(int count, string why)
    {
        if (count <= 0)
        {
            return;
        }

        Interlocked.Add(ref _droppedBufferFull, count);
        FailSmartTelemetry.EventsDropped.Add(count);
        ClientLog.EventsDropped(_logger, why, Statistics.Dropped);
    }

    private void CompleteFlushWaiters(bool empty)
    {
        TaskCompletionSource<bool>[] waiters;
        lock (_flushGate)
        {
            waiters = [.. _flushWaiters];
            _flushWaiters.Clear();
        }

        foreach (TaskCompletionSource<bool> waiter in waiters)
        {
            waiter.TrySetResult(empty);
        }
    }
}
