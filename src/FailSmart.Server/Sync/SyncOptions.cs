using System.ComponentModel.DataAnnotations;

namespace FailSmart.Server.Sync;

/// <summary>SDK streaming settings (section "Sync").</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Seconds between heartbeat comments on an idle stream, so proxies keep it open and clients notice a dead one.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// On a PostgreSQL configuration store, hear other replicas' writes as they commit (LISTEN/NOTIFY) rather
    /// than at the next poll. SQLite has one process, so there is nothing to hear.
    /// </summary>
    public bool ListenForChanges { get; set; } = true;

    /// <summary>Seconds between reads of the store's revision while no listener is connected.</summary>
    [Range(1, 3600, ErrorMessage = "Sync:PollSeconds must be a whole number of seconds from 1 to 3600.")]
    public int PollSeconds { get; set; } = 1;

    /// <summary>
    /// Seconds between reads of the store's revision while the listener is connected: a safety net only, since
    /// every commit is announced.
    /// </summary>
    [Range(1, 3600, ErrorMessage = "Sync:PollSecondsWhileListening must be a whole number of seconds from 1 to 3600.")]
    public int PollSecondsWhileListening { get; set; } = 5;
}
