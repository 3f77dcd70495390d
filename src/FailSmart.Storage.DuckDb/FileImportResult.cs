namespace FailSmart.Storage.DuckDb;

/// <summary>What an import stored, or why it stored nothing.</summary>
/// <param name="Exposures">Exposure rows stored.</param>
/// <param name="MetricEvents">Event rows stored.</param>
/// <param name="Attributes">The unit attributes stored with each exposure (for breakdowns).</param>
/// <param name="Problems">Empty when the files were imported; otherwise nothing was stored.</param>
public sealed record FileImportResult(long Exposures, long MetricEvents, IReadOnlyList<string> Attributes, IReadOnlyList<FileImportProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}
