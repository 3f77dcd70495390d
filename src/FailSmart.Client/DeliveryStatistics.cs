namespace FailSmart.Client;

/// <summary>
/// What happened to exposures and events so far. Nothing is dropped silently: every bound that was
/// hit is counted here.
/// </summary>
public sealed record DeliveryStatistics
{
    /// <summary>Events accepted into the queue (exposures and metric events).</summary>
    public long Queued { get; init; }

    /// <summary>Events the server confirmed as stored (including duplicates of earlier retries).</summary>
    public long Delivered { get; init; }

    /// <summary>Events the server reported as already stored (a retry after a lost answer).</summary>
    public long Duplicates { get; init; }

    /// <summary>Events the server refused as invalid.</summary>
    public long Rejected { get; init; }

    /// <summary>Exposures not sent because the unit already saw that experiment phase.</summary>
    public long ExposuresDeduplicated { get; init; }

    /// <summary>Events dropped because the in-memory queue was full.</summary>
    public long DroppedQueueFull { get; init; }

    /// <summary>Events dropped because the pending buffer (memory or disk) was full while the server was unreachable.</summary>
    public long DroppedBufferFull { get; init; }

    /// <summary>Events dropped at shutdown: not delivered within the flush timeout and no disk buffer to keep them.</summary>
    public long DroppedAtShutdown { get; init; }

    /// <summary>Events waiting for delivery: in the queue or buffered after a failure.</summary>
    public long Pending { get; init; }

    /// <summary>Every event dropped, whatever the bound.</summary>
    public long Dropped => DroppedQueueFull + DroppedBufferFull + DroppedAtShutdown;
}
