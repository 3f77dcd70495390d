namespace FailSmart.Server.Sync;

/// <summary>SDK streaming settings (section "Sync").</summary>
public sealed class SyncOptions
{
    public const string SectionName = "Sync";

    /// <summary>Seconds between heartbeat comments on an idle stream, so proxies keep it open and clients notice a dead one.</summary>
    public int HeartbeatSeconds { get; set; } = 15;
}
