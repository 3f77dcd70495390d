namespace FailSmart.Storage.DuckDb;

/// <summary>
/// Which column of an exported file holds what. Names match case-insensitively. A column that
/// may be absent (experiment, phase, value) is looked for under its default name when left null, and
/// is then optional; a name given here must exist.
/// </summary>
public sealed record EventFileColumns
{
    public string Unit { get; init; } = "unit_id";

    public string Timestamp { get; init; } = "timestamp";

    public string Variation { get; init; } = "variation";

    public string Event { get; init; } = "event";

    /// <summary>Absent: every exposure belongs to <see cref="EventFileImport.Experiment"/>.</summary>
    public string? Experiment { get; init; }

    /// <summary>Absent: every exposure is in <see cref="EventFileImport.Phase"/>.</summary>
    public string? Phase { get; init; }

    /// <summary>Absent: events carry no value (conversion and count metrics need none).</summary>
    public string? Value { get; init; }
}
