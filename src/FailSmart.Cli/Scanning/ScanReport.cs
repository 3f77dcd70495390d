namespace FailSmart.Cli.Scanning;

/// <summary>
/// The scan compared with the known flags: every flag with its reference count, flags nothing references (archived
/// ones left out: they are already on their way out), and every reference as active, archived or unknown.
/// </summary>
internal sealed record ScanReport(
    KnownFlags Flags, SourceScanResult Scan, IReadOnlyList<FlagUsage> Usage, IReadOnlyList<ClassifiedReference> References)
{
    public IEnumerable<FlagUsage> Unreferenced => Usage.Where(u => !u.Archived && u.References == 0);

    public IEnumerable<ClassifiedReference> ArchivedReferences => References.Where(r => r.Status == ReferenceStatus.Archived);

    public IEnumerable<ClassifiedReference> UnknownReferences => References.Where(r => r.Status == ReferenceStatus.Unknown);

    /// <summary>Keys that no known flag has, with how many references name each, by key.</summary>
    public IEnumerable<(string Key, int References)> UnknownKeys =>
        UnknownReferences.GroupBy(r => r.Reference.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal);

    public static ScanReport Compare(KnownFlags flags, SourceScanResult scan)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var references = new List<ClassifiedReference>(scan.References.Count);
        foreach (FlagReference reference in scan.References)
        {
            ReferenceStatus status = flags.Archived.TryGetValue(reference.Key, out bool archived)
                ? archived ? ReferenceStatus.Archived : ReferenceStatus.Active
                : ReferenceStatus.Unknown;
            counts[reference.Key] = counts.GetValueOrDefault(reference.Key) + 1;
            references.Add(new ClassifiedReference(reference, status));
        }

        List<FlagUsage> usage = [.. flags.Archived.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new FlagUsage(f.Key, f.Value, counts.GetValueOrDefault(f.Key)))];
        return new ScanReport(flags, scan, usage, references);
    }
}
