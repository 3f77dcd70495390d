namespace FailSmart.Client;

/// <summary>What an event (a <c>Track</c> call or an exposure) survives before it is delivered.</summary>
public enum EventDurability
{
    /// <summary>
    /// Events wait in memory for their batch (up to <c>FlushInterval</c>) and are written to
    /// <c>EventBufferDirectory</c> only when delivery fails: they survive the server's outages and an orderly
    /// shutdown, but a crash of your process loses those still in memory. Track costs no I/O.
    /// </summary>
    Buffered,

    /// <summary>
    /// Each event is appended to a log in <c>EventBufferDirectory</c> and flushed to disk before <c>Track</c> (or the
    /// evaluation that records an exposure) returns; concurrent callers share one flush. After a crash, the next
    /// start on the same folder sends what the log holds, and the server stores each event once (by its id).
    /// </summary>
    WriteAhead,
}
