namespace FailSmart.Storage.DuckDb;

/// <summary>
/// A warehouse export to load: an exposures file and an events file (CSV or Parquet, by extension),
/// and optionally a units file whose columns are unit attributes.
/// </summary>
/// <param name="ExposuresPath">One row per exposure: unit, experiment, phase, variation, timestamp; other columns are unit attributes.</param>
/// <param name="EventsPath">One row per metric event: unit, event, value, timestamp.</param>
/// <param name="Environment">The environment the rows are stored under.</param>
public sealed record EventFileImport(string ExposuresPath, string EventsPath, string Environment)
{
    /// <summary>One row per unit: the unit column and attribute columns, joined to exposures for breakdowns.</summary>
    public string? UnitsPath { get; init; }

    public EventFileColumns ExposureColumns { get; init; } = new();

    public EventFileColumns EventColumns { get; init; } = new();

    public EventFileColumns UnitColumns { get; init; } = new();

    public TimestampFormat TimestampFormat { get; init; }

    /// <summary>The experiment of exposures in a file without an experiment column, and whose variations <see cref="VariationKeys"/> name.</summary>
    public string? Experiment { get; init; }

    /// <summary>The phase of exposures in a file without a phase column.</summary>
    public int Phase { get; init; } = 1;

    /// <summary>
    /// The variation keys of <see cref="Experiment"/> in index order (the first is the control). Its
    /// exposures may name a variation by key or by index. Other experiments' keys are numbered in
    /// sorted order, for the cross-experiment audit.
    /// </summary>
    public IReadOnlyList<string> VariationKeys { get; init; } = [];
}
