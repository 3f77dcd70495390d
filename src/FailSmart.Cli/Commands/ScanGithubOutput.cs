using System.Globalization;
using FailSmart.Cli.Scanning;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart scan --format github`: GitHub Actions workflow commands, so each finding shows on its line of the pull
/// request. A finding that fails the run (--fail-on) is an error; otherwise references to unknown flags are warnings
/// and unreferenced flags notices.
/// </summary>
internal static class ScanGithubOutput
{
    public static void Write(ScanReport report, ScanFailOn failOn, TextWriter output)
    {
        foreach (ClassifiedReference r in report.ArchivedReferences)
        {
            output.WriteLine(Annotation(failOn.HasFlag(ScanFailOn.Archived) ? "error" : "warning", r.Reference, "Archived flag",
                $"Flag '{r.Reference.Key}' is archived but still referenced here: remove the reference (or unarchive the flag)."));
        }

        foreach (ClassifiedReference r in report.UnknownReferences)
        {
            output.WriteLine(Annotation(failOn.HasFlag(ScanFailOn.Unknown) ? "error" : "warning", r.Reference, "Unknown flag",
                $"Flag '{r.Reference.Key}' is not a FailSmart flag: a typo, or a flag never created."));
        }

        foreach (FlagUsage flag in report.Unreferenced)
        {
            output.WriteLine($"::{(failOn.HasFlag(ScanFailOn.Unreferenced) ? "error" : "notice")} title=Unreferenced flag::"
                + Data($"Flag '{flag.Key}' has no reference in the scanned code: a candidate for removal."));
        }

        output.WriteLine(ScanSummary.Sentence(report));
    }

    private static string Annotation(string level, FlagReference at, string title, string message) =>
        string.Create(CultureInfo.InvariantCulture, $"::{level} file={Property(at.File)},line={at.Line},col={at.Column},title={Property(title)}::{Data(message)}");

    // GitHub's escaping for workflow commands: data escapes %, CR and LF; properties also ':' and ','.
    private static string Data(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
