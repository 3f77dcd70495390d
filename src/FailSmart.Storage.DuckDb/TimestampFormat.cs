namespace FailSmart.Storage.DuckDb;

/// <summary>How the timestamp column of an exported file is written.</summary>
public enum TimestampFormat
{
    /// <summary>
    /// Each value on its own: a number is epoch seconds when below 10¹¹ (before the year 5138) and epoch
    /// milliseconds otherwise, up to 10¹⁴; anything else is read as ISO 8601.
    /// </summary>
    Auto,

    /// <summary>ISO 8601 date-times; with an offset (Z, +02:00, UTC) or, without one, read as UTC.</summary>
    Iso8601,

    /// <summary>Seconds since 1970-01-01T00:00:00Z, fractions allowed.</summary>
    EpochSeconds,

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z.</summary>
    EpochMilliseconds,
}
