using FailSmart.Protocol.Events;

namespace FailSmart.Client.Events;

/// <summary>Pending batches in memory, bounded by a number of events.</summary>
internal sealed class MemoryPendingBatches(int maxEvents) : IPendingBatches
{
    private readonly Queue<IReadOnlyList<IngestEvent>> _batches = new();
    private long _count;

    public long Count => Volatile.Read(ref _count);

    public bool IsEmpty => _batches.Count == 0;

    public bool TryAdd(IReadOnlyList<IngestEvent> batch)
    {
        if (_count + batch.Count > maxEvents)
        {
            return false;
        }

        _batches.Enqueue(batch);
        Volatile.Write(ref _count, _count + batch.Count);
        return true;
    }

    public IReadOnlyList<IngestEvent>? Peek(out int lost)
    {
        lost = 0;
        return _batches.TryPeek(out IReadOnlyList<IngestEvent>? batch) ? batch : null;
    }

    public void RemoveOldest()
    {
        if (_batches.TryDequeue(out IReadOnlyList<IngestEvent>? batch))
        {
            Volatile.Write(ref _count, _count - batch.Count);
        }
    }
}
