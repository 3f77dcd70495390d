using System.Globalization;
using FailSmart.Cli.Scanning;

namespace FailSmart.Cli.Commands;

/// <summary>The sentences every `failsmart scan` output shares.</summary>
internal static class ScanSummary
{
    public static string Sentence(ScanReport report)
    {
        int archived = report.ArchivedReferences.Count();
        int unknown = report.UnknownReferences.Count();
        int unreferenced = report.Unreferenced.Count();
        return string.Create(CultureInfo.InvariantCulture,
            $"Scanned {Count(report.Scan.FilesScanned, "file")} against {Count(report.Usage.Count, "flag")} from {report.Flags.SourceKind} {report.Flags.SourceLocation}: "
            + $"{Count(report.References.Count, "reference")}, {archived} to archived flags, {unknown} to unknown flags; {Count(unreferenced, "flag")} with no reference.");
    }

    public static string Location(FlagReference reference) =>
        string.Create(CultureInfo.InvariantCulture, $"{reference.File}:{reference.Line}:{reference.Column}");

    public static string Count(int n, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
