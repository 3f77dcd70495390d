namespace FailSmart.Server.Events;

/// <summary>Limits on event ingestion (section "Ingest").</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>The most events one batch may hold.</summary>
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>The largest batch body, in bytes.</summary>
    public long MaxBatchBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far in the past an event's timestamp may be (an SDK that spilled to disk sends late).</summary>
    public int MaxAgeDays { get; set; } = 30;

    /// <summary>How far in the future a timestamp may be, for clock skew.</summary>
    public int MaxClockSkewMinutes { get; set; } = 60;

    /// <summary>The longest id, unit id, event name or property value accepted.</summary>
    public int MaxFieldLength { get; set; } = 512;

    /// <summary>The most properties one event may carry.</summary>
    public int MaxProperties { get; set; } = 50;
}
