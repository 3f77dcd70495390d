using System.Globalization;
using FailSmart.Cli.Scanning;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart scan` for reading: a summary, every flag with its reference count, then each problem with file:line:column.</summary>
internal static class ScanTableOutput
{
    public static void Write(ScanReport report, TextWriter output)
    {
        IAnsiConsole console = CliConsole.Create(output);
        console.WriteFullLine(ScanSummary.Sentence(report));

        if (report.Usage.Count > 0)
        {
            var flags = new Table().AddColumns("Flag", "State", "References");
            foreach (FlagUsage flag in report.Usage)
            {
                flags.AddRow(Markup.Escape(flag.Key), flag.Archived ? "archived" : "active", flag.References.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(flags);
        }

        Where(console, "References to archived flags (remove them, or unarchive the flag):", report.ArchivedReferences);
        Where(console, "References to unknown flags (a typo, or a flag never created):", report.UnknownReferences);

        List<FlagUsage> unreferenced = [.. report.Unreferenced];
        if (unreferenced.Count > 0)
        {
            console.WriteFullLine("Flags with no reference (candidates for removal): " + string.Join(", ", unreferenced.Select(f => f.Key)));
        }

        if (report.Scan.FilesTooLarge.Count > 0)
        {
            console.WriteFullLine("Left out, over 1 MB: " + string.Join(", ", report.Scan.FilesTooLarge));
        }
    }

    private static void Where(IAnsiConsole console, string title, IEnumerable<ClassifiedReference> references)
    {
        List<ClassifiedReference> list = [.. references];
        if (list.Count == 0)
        {
            return;
        }

        console.WriteFullLine(title);
        var table = new Table().AddColumns("Flag", "Where");
        foreach (ClassifiedReference r in list)
        {
            table.AddRow(Markup.Escape(r.Reference.Key), Markup.Escape(ScanSummary.Location(r.Reference)));
        }

        console.Write(table);
    }
}
