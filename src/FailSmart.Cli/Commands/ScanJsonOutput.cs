using System.Text;
using System.Text.Json;
using FailSmart.Cli.Scanning;

namespace FailSmart.Cli.Commands;

/// <summary>`failsmart scan --json`: the report for scripts, in the shape docs/cli.md documents.</summary>
internal static class ScanJsonOutput
{
    public static void Write(ScanReport report, ScanFailOn failOn, bool failed, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("source");
            json.WriteString("kind", report.Flags.SourceKind);
            json.WriteString("location", report.Flags.SourceLocation);
            json.WriteEndObject();
            json.WriteNumber("filesScanned", report.Scan.FilesScanned);

            json.WriteStartObject("summary");
            json.WriteNumber("flags", report.Usage.Count);
            json.WriteNumber("references", report.References.Count);
            json.WriteNumber("unreferencedFlags", report.Unreferenced.Count());
            json.WriteNumber("archivedReferences", report.ArchivedReferences.Count());
            json.WriteNumber("unknownReferences", report.UnknownReferences.Count());
            json.WriteEndObject();

            json.WriteStartArray("flags");
            foreach (FlagUsage flag in report.Usage)
            {
                json.WriteStartObject();
                json.WriteString("key", flag.Key);
                json.WriteBoolean("archived", flag.Archived);
                json.WriteNumber("references", flag.References);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("unreferencedFlags");
            foreach (FlagUsage flag in report.Unreferenced)
            {
                json.WriteStringValue(flag.Key);
            }

            json.WriteEndArray();

            json.WriteStartArray("unknownFlags");
            foreach ((string key, int references) in report.UnknownKeys)
            {
                json.WriteStartObject();
                json.WriteString("key", key);
                json.WriteNumber("references", references);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("references");
            foreach (ClassifiedReference r in report.References)
            {
                json.WriteStartObject();
                json.WriteString("key", r.Reference.Key);
                json.WriteString("file", r.Reference.File);
                json.WriteNumber("line", r.Reference.Line);
                json.WriteNumber("column", r.Reference.Column);
                json.WriteString("status", Status(r.Status));
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("filesTooLarge");
            foreach (string file in report.Scan.FilesTooLarge)
            {
                json.WriteStringValue(file);
            }

            json.WriteEndArray();

            json.WriteStartArray("failOn");
            foreach (ScanFailOn value in Enum.GetValues<ScanFailOn>().Where(v => v != ScanFailOn.None && failOn.HasFlag(v)))
            {
                json.WriteStringValue(value.ToString().ToLowerInvariant());
            }

            json.WriteEndArray();
            json.WriteBoolean("failed", failed);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static string Status(ReferenceStatus status) => status switch
    {
        ReferenceStatus.Active => "active",
        ReferenceStatus.Archived => "archived",
        _ => "unknown",
    };
}
