using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Importing;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// What the `failsmart import feature-management|growthbook` commands share: reading the source file,
/// checking that the written document loads, writing it, and the report (a table, or JSON with --json).
/// </summary>
internal static class ImportReportOutput
{
    private static readonly JsonDocumentOptions s_lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The source as JSON (comments and trailing commas allowed, as in appsettings.json), or null with the reason written and the exit code.</summary>
    public static JsonDocument? Read(FileInfo file, TextWriter error, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        if (Directory.Exists(file.FullName) || !file.Exists)
        {
            error.WriteLine($"'{file.FullName}' is not a file; name the file to import.");
            exitCode = ExitCodes.Usage;
            return null;
        }

        try
        {
            return JsonDocument.Parse(File.ReadAllBytes(file.FullName), s_lenient);
        }
        catch (JsonException e)
        {
            error.WriteLine($"'{file.Name}' is not JSON (line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}): fix it and import again.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"'{file.FullName}' could not be read: {e.Message}");
        }

        exitCode = ExitCodes.InvalidInput;
        return null;
    }

    /// <summary>Writes the document to <paramref name="output"/> after checking that FailSmart loads it; false (with the reason written) when it would not.</summary>
    public static bool Write(ImportResult result, FileInfo output, TextWriter error)
    {
        string document = ConfigDocument.Serialize(result.Configuration);
        ConfigLoadResult loaded = ConfigDocument.Parse(document);
        if (loaded.Configuration is null || loaded.Problems.Count > 0)
        {
            error.WriteLine("The imported configuration would not load, so nothing was written:");
            foreach (var problem in loaded.Problems)
            {
                error.WriteLine($"  {problem.Path}: {problem.Message} {problem.Hint}");
            }

            return false;
        }

        try
        {
            File.WriteAllText(output.FullName, document + Environment.NewLine);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"Could not write '{output.FullName}': {e.Message}");
            return false;
        }
    }

    public static void Report(ImportResult result, string source, FileInfo output, bool written, bool json, TextWriter writer)
    {
        if (json)
        {
            writer.WriteLine(Json(result, source, output, written).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        IAnsiConsole console = CliConsole.Create(writer);
        var table = new Table().AddColumns("Feature", "Result", "FailSmart flags");
        foreach (ImportedFeature feature in result.Features)
        {
            table.AddRow(
                Markup.Escape(feature.Name),
                Word(feature.Status),
                Markup.Escape(feature.Flags.Count == 0 ? "-" : string.Join(", ", feature.Flags)));
        }

        console.Write(table);
        // A note is a sentence: a line of its own under the table, whole, rather than wrapped inside a cell.
        foreach (ImportedFeature feature in result.Features)
        {
            foreach (string note in feature.Notes)
            {
                console.WriteFullLine($"Note on {feature.Name}: {note}");
            }
        }

        int exact = result.Features.Count(f => f.Status == ImportStatus.Exact);
        int refused = result.Features.Count(f => f.Status == ImportStatus.Refused);
        console.WriteFullLine($"{result.Features.Count} feature{(result.Features.Count == 1 ? "" : "s")} from {source}: {exact} exact, {result.Features.Count - exact - refused} with notes, {refused} refused.");
        console.WriteFullLine(written
            ? $"Wrote {output.FullName}. Apply it with: failsmart config apply {output.Name} --dry-run"
            : "Nothing was written.");
    }

    public static string Word(ImportStatus status) => status switch
    {
        ImportStatus.Exact => "exact",
        ImportStatus.Changed => "changed",
        ImportStatus.NotExpressed => "not expressed",
        _ => "refused",
    };

    private static JsonObject Json(ImportResult result, string source, FileInfo output, bool written) => new()
    {
        ["source"] = source,
        ["output"] = output.FullName,
        ["written"] = written,
        ["exact"] = result.IsExact,
        ["problems"] = new JsonArray([.. result.Problems.Select(p => (JsonNode)JsonValue.Create(p))]),
        ["features"] = new JsonArray([.. result.Features.Select(f => (JsonNode)new JsonObject
        {
            ["name"] = f.Name,
            ["status"] = Word(f.Status).Replace(' ', '-'),
            ["flags"] = new JsonArray([.. f.Flags.Select(k => (JsonNode)JsonValue.Create(k))]),
            ["notes"] = new JsonArray([.. f.Notes.Select(n => (JsonNode)JsonValue.Create(n))]),
        })]),
    };
}
