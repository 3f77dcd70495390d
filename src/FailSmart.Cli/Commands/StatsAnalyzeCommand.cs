using System.CommandLine;
using System.Text.Json;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart stats analyze FILE`: per-variation sufficient statistics (CSV or JSON, one row per metric and
/// variation) through the same analyzer, tables and verdict as `failsmart analyze`; or the reference cases
/// (kind, params or input, per-arm statistics), which scripts use, with the reference's field names.
/// </summary>
internal static class StatsAnalyzeCommand
{
    /// <param name="standardInput">What FILE "-" reads; the console's input unless a test gives one.</param>
    public static Command Create(TextReader? standardInput = null)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV or JSON file of sufficient statistics, one row per metric and variation (see docs/cli.md), or reference cases; - reads standard input." };
        var inputFormat = new Option<string>("--input-format") { Description = "auto (default: by extension, else by content), csv, json (rows) or reference (reference cases).", DefaultValueFactory = _ => "auto" };
        inputFormat.AcceptOnlyFromAmong("auto", "csv", "json", "reference");
        var format = new Option<string?>("--format") { Description = "table or json. Default: table for sufficient statistics, json for reference cases." };
        format.AcceptOnlyFromAmong("json", "table");
        var json = new Option<bool>("--json") { Description = "Same as --format json: the results endpoint's shape, for scripts." };
        var control = new Option<string?>("--control") { Description = "The control variation (default: the first variation in the file)." };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the intervals, decisions and verdict.", DefaultValueFactory = _ => 0.05 };
        var planned = new Option<long>("--planned-units") { Description = "The planned sample over all variations; it tunes the always-valid intervals (as a metric's plannedUnits does for failsmart analyze).", DefaultValueFactory = _ => Application.Metrics.MetricSpec.DefaultPlannedUnits };
        var weights = new Option<string?>("--weights") { Description = "Comma-separated planned weights in variation order, the control first (default: an equal split), for the sample ratio check." };
        var bayesian = new Option<bool>("--bayesian") { Description = "Also print each treatment's chance to win and risk; --json always carries them." };
        var allowRed = new Option<bool>("--allow-red-checks") { Description = "Exit 0 even when a check is red (sample ratio mismatch); by default such a result exits 3." };
        var factorial = new Option<string?>("--factorial") { Description = FactorialOption.Help };
        var command = new Command("analyze", "Analyse per-variation sufficient statistics (CSV or JSON) with the verdict of failsmart analyze; also reads reference cases.")
        {
            file, inputFormat, format, json, control, alpha, planned, weights, bayesian, allowRed, factorial,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            string path = parse.GetValue(file)!;
            string? text = Read(path, standardInput, error, out string name, out int failure);
            if (text is null)
            {
                return failure;
            }

            string kind = parse.GetValue(inputFormat)!;
            if (kind == "auto")
            {
                kind = Path.GetExtension(path).ToLowerInvariant() switch
                {
                    ".csv" => "csv",
                    ".json" => "json",
                    _ => text.TrimStart().StartsWith('[') || text.TrimStart().StartsWith('{') ? "json" : "csv",
                };
            }

            JsonDocument? document = null;
            try
            {
                if (kind is "json" or "reference")
                {
                    document = JsonDocument.Parse(text);
                    if (kind == "reference" || IsReference(document.RootElement))
                    {
                        return StatsReferenceOutput.Write(document.RootElement, name, parse.GetValue(format) == "table", output, error);
                    }
                }

                var options = new StatsAnalyzeOptions(
                    parse.GetValue(control), parse.GetValue(alpha), parse.GetValue(planned), parse.GetValue(weights),
                    parse.GetValue(json) || parse.GetValue(format) == "json", parse.GetValue(bayesian), parse.GetValue(allowRed), parse.GetValue(factorial));
                return await StatsSufficientAnalysis.RunAsync(text, document?.RootElement, name, options, output, error, cancellationToken);
            }
            catch (JsonException ex)
            {
                error.WriteLine($"'{name}' is not valid JSON: {ex.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.InvalidInput;
            }
            finally
            {
                document?.Dispose();
            }
        });
        return command;
    }

    /// <summary>The reference cases' shapes: {"cases": […]}, one case with a "kind", or an array of them.</summary>
    private static bool IsReference(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => root.TryGetProperty("cases", out _) || root.TryGetProperty("kind", out _),
        JsonValueKind.Array => root.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
            && first.TryGetProperty("kind", out _) && !first.TryGetProperty("metric", out _),
        _ => false,
    };

    /// <summary>The file's text, or null with the exit code: a path that does not exist is wrong usage, as for failsmart analyze.</summary>
    private static string? Read(string path, TextReader? standardInput, TextWriter error, out string name, out int failure)
    {
        failure = ExitCodes.Success;
        if (path == "-")
        {
            name = "stdin";
            return (standardInput ?? Console.In).ReadToEnd();
        }

        name = Path.GetFileName(path);
        try
        {
            return File.ReadAllText(path).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            error.WriteLine($"The file '{Path.GetFullPath(path)}' does not exist; give the path of a CSV or JSON file, or - to read standard input.");
            failure = ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"'{Path.GetFullPath(path)}' could not be read: {ex.Message.ReplaceLineEndings(" ")}");
            failure = ExitCodes.InvalidInput;
        }

        return null;
    }
}
