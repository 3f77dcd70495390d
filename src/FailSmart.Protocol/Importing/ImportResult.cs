namespace FailSmart.Protocol.Importing;

/// <summary>
/// An import: the configuration to write (only features that are not refused) and a line per
/// source feature. <see cref="Problems"/> are reasons the whole source could not be read.
/// </summary>
public sealed record ImportResult(Core.Model.Configuration Configuration, IReadOnlyList<ImportedFeature> Features)
{
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>True when every feature was imported exactly and nothing was refused.</summary>
    public bool IsExact => Problems.Count == 0 && Features.All(f => f.Status == ImportStatus.Exact);
}
