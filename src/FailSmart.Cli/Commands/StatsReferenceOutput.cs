using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Cli.ReferenceCases;
using Spectre.Console;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart stats analyze` on reference cases (kind, params or input, per-arm statistics): a JSON array of
/// results, each with the case id and the reference's field names, or one table per case. A bad case is
/// reported by id and field; the others are still analysed.
/// </summary>
internal static class StatsReferenceOutput
{
    public static int Write(JsonElement document, string name, bool table, TextWriter output, TextWriter error)
    {
        IReadOnlyList<OracleCaseResult> results = OracleCaseAnalyzer.AnalyzeAll(document);
        if (results.Count == 0)
        {
            error.WriteLine($"'{name}' holds no case; write an array of cases, or an object with a \"cases\" array.");
            return ExitCodes.InvalidInput;
        }

        foreach (OracleCaseResult failed in results.Where(r => !r.IsSuccess))
        {
            error.WriteLine($"case {failed.Id}: {failed.Error}");
        }

        if (table)
        {
            WriteTables(output, results);
        }
        else
        {
            output.WriteLine(new JsonArray([.. results.Select(Flatten)]).ToJsonString(OracleCaseResult.JsonOptions));
        }

        return results.All(r => r.IsSuccess) ? ExitCodes.Success : ExitCodes.InvalidInput;
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

    private static void WriteTables(TextWriter output, IReadOnlyList<OracleCaseResult> results)
    {
        IAnsiConsole console = CliConsole.Create(output);
        foreach (OracleCaseResult result in results)
        {
            if (!result.IsSuccess)
            {
                // The error is a sentence: one whole line, not a table of one wrapped cell.
                console.WriteFullLine($"{result.Id} ({result.Kind}): error: {result.Error}");
                continue;
            }

            var table = new Table().Title($"{Markup.Escape(result.Id)} ({Markup.Escape(result.Kind)})").AddColumn("field").AddColumn("value");
            foreach ((string field, string value) in Rows("", result.Output))
            {
                table.AddRow(Markup.Escape(field), Markup.Escape(value));
            }

            console.Write(table);
        }
    }

    /// <summary>
    /// One row per leaf, named by its dotted path (absolute.ci_t), so no cell holds a JSON block that the
    /// table would wrap over several lines. A short list of numbers stays in one cell; a long one gets a row per item.
    /// </summary>
    private static IEnumerable<(string Field, string Value)> Rows(string path, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> field in obj)
                {
                    foreach ((string, string) row in Rows(path.Length == 0 ? field.Key : $"{path}.{field.Key}", field.Value))
                    {
                        yield return row;
                    }
                }

                break;
            case JsonArray array when array.All(i => i is JsonValue) && array.Count <= 4:
                yield return (path, string.Join(", ", array.Select(Scalar)));
                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    foreach ((string, string) row in Rows($"{path}[{i}]", array[i]))
                    {
                        yield return row;
                    }
                }

                break;
            default:
                yield return (path, Scalar(node));
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(OracleCaseResult.JsonOptions),
    };
}
