namespace FailSmart.Server.Events;

/// <summary>Limits on event ingestion (section "Ingest").</summary>
public sealed class IngestOptions
{
    public const string SectionName = "Ingest";

    /// <summary>
    /// The largest magnitude of an event's value. Far beyond any amount or duration, and small enough that
    /// sums of squares over billions of events stay finite.
    /// </summary>
    public const double MaxAbsoluteValue = 1e15;

    /// <summary>The most events one batch may hold.</summary>
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>The largest batch body, in bytes.</summary>
    public long MaxBatchBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The largest historical import (POST /api/v1/imports/events), in bytes; it is spooled to a temporary file.</summary>
    public long MaxImportBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>How far in the past an event's timestamp may be (an SDK that spilled to disk sends late).</summary>
    public int MaxAgeDays { get; set; } = 30;

    /// <summary>How far in the future a timestamp may be, for clock skew.</summary>
    public int MaxClockSkewMinutes { get; set; } = 60;

    /// <summary>The longest id, unit id, event name or property value accepted.</summary>
    public int MaxFieldLength { get; set; } = 512;

    /// <summary>The most properties one event may carry.</summary>
    public int MaxProperties { get; set; } = 50;
}
