using FailSmart.Protocol.Events;

namespace FailSmart.Client.Events;

/// <summary>
/// Batches waiting for the server, oldest first, within a bound. Used by the delivery loop alone, so
/// implementations need no locking.
/// </summary>
internal interface IPendingBatches
{
    /// <summary>Events held.</summary>
    long Count { get; }

    bool IsEmpty { get; }

    /// <summary>Keeps a batch; false when the bound is reached (the caller counts the drop).</summary>
    bool TryAdd(IReadOnlyList<IngestEvent> batch);

    /// <summary>The oldest batch, or null. Unreadable entries are removed and reported through <paramref name="lost"/>.</summary>
    IReadOnlyList<IngestEvent>? Peek(out int lost);

    /// <summary>Removes the batch <see cref="Peek"/> returned.</summary>
    void RemoveOldest();
}
