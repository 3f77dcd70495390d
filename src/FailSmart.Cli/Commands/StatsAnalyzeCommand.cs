using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Statistics.Oracle;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart stats analyze FILE`: runs each case (kind, params or input, per-arm statistics) and writes
/// a JSON array of results, each with the case id and the reference's field names. A bad case is
/// reported by id and field; the others are still analysed.
/// </summary>
internal static class StatsAnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A JSON document: an array of cases, or an object with a \"cases\" array." };
        var format = new Option<string>("--format") { Description = "json (default) or table.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "table");
        var command = new Command("analyze", "Analyse cases of per-variation sufficient statistics.") { file, format };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            FileInfo input = parse.GetValue(file)!;
            if (!input.Exists)
            {
                error.WriteLine($"The file '{input.FullName}' does not exist.");
                return ExitCodes.Usage;
            }

            IReadOnlyList<OracleCaseResult> results;
            try
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(input.FullName));
                results = OracleCaseAnalyzer.AnalyzeAll(document.RootElement);
            }
            catch (JsonException ex)
            {
                error.WriteLine($"'{input.Name}' is not valid JSON: {ex.Message}");
                return ExitCodes.InvalidInput;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"'{input.FullName}' could not be read: {ex.Message}");
                return ExitCodes.InvalidInput;
            }

            if (results.Count == 0)
            {
                error.WriteLine($"'{input.Name}' holds no case; write an array of cases, or an object with a \"cases\" array.");
                return ExitCodes.InvalidInput;
            }

            foreach (OracleCaseResult failed in results.Where(r => !r.IsSuccess))
            {
                error.WriteLine($"case {failed.Id}: {failed.Error}");
            }

            if (parse.GetValue(format) == "table")
            {
                WriteTable(output, results);
            }
            else
            {
                output.WriteLine(new JsonArray([.. results.Select(Flatten)]).ToJsonString(OracleCaseResult.JsonOptions));
            }

            return results.All(r => r.IsSuccess) ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>{"id": …, then the same fields as the reference's "expected" block} or {"id": …, "error": …}.</summary>
    private static JsonObject Flatten(OracleCaseResult result)
    {
        var node = new JsonObject { ["id"] = result.Id };
        if (!result.IsSuccess)
        {
            node["error"] = result.Error;
            return node;
        }

        foreach (KeyValuePair<string, JsonNode?> field in result.Output!)
        {
            node[field.Key] = field.Value?.DeepClone();
        }

        return node;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<OracleCaseResult> results)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 200;
        foreach (OracleCaseResult result in results)
        {
            var table = new Table().Title($"{result.Id} ({result.Kind})").AddColumn("field").AddColumn("value");
            if (!result.IsSuccess)
            {
                table.AddRow("error", Markup.Escape(result.Error!));
            }
            else
            {
                foreach (KeyValuePair<string, JsonNode?> field in result.Output!)
                {
                    table.AddRow(Markup.Escape(field.Key), Markup.Escape(field.Value?.ToJsonString(OracleCaseResult.JsonOptions).ReplaceLineEndings(" ") ?? "null"));
                }
            }

            console.Write(table);
        }
    }
}
