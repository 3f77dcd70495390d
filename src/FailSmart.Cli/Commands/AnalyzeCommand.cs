using System.CommandLine;
using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Application.Metrics;
using FailSmart.Application.Populations;
using FailSmart.Server.Results;
using FailSmart.Server.Results.Representativeness;
using FailSmart.Storage;
using FailSmart.Storage.DuckDb;
using FailSmart.Storage.Events;

namespace FailSmart.Cli.Commands;

/// <summary>
/// `failsmart analyze`: the results endpoint's analysis on a warehouse export (CSV or Parquet), through
/// an embedded DuckDB store in a temporary folder: no server, no configuration.
/// </summary>
internal static class AnalyzeCommand
{
    private const string Environment = "production";

    public static Command Create()
    {
        var exposures = new Option<FileInfo>("--exposures") { Description = "CSV or Parquet, one row per exposure: unit_id, experiment, phase, variation (a key or an index), timestamp; other columns are unit attributes.", Required = true };
        var events = new Option<FileInfo>("--events") { Description = "CSV or Parquet, one row per event: unit_id, event, value, timestamp.", Required = true };
        var units = new Option<FileInfo?>("--units") { Description = "CSV or Parquet, one row per unit: unit_id and attribute columns, for --breakdown." };
        var experiment = new Option<string>("--experiment") { Description = "The experiment key to analyse (also the experiment of every row when the exposures have no experiment column).", Required = true };
        var metricsFile = new Option<FileInfo?>("--metrics") { Description = "A JSON file: one metric definition or an array of them (the shape of POST /api/v1/metrics)." };
        var metric = new Option<string[]>("--metric") { Description = "A quick metric, TYPE:EVENT (conversion, count, sum or mean), e.g. conversion:purchase. Repeatable.", AllowMultipleArgumentsPerToken = false };
        var phase = new Option<int>("--phase") { Description = "The phase to analyse (also the phase of every row when the exposures have no phase column).", DefaultValueFactory = _ => 1 };
        var variations = new Option<string?>("--variations") { Description = "Comma-separated variation keys in index order, the control first (default: 0, 1, …). Exposures may name a variation by key or index." };
        var weights = new Option<string?>("--weights") { Description = "Comma-separated planned weights in index order (default: an equal split)." };
        var breakdown = new Option<string?>("--breakdown") { Description = "A unit attribute (an extra exposure column, or a column of --units) to break each metric down by." };
        var columns = new Option<string[]>("--columns") { Description = AnalyzeColumns.Help, AllowMultipleArgumentsPerToken = false };
        var timestampFormat = new Option<string>("--timestamp-format") { Description = "auto (default: a number below 10^11 is epoch seconds, a larger one epoch milliseconds, text is ISO 8601), iso, seconds or milliseconds.", DefaultValueFactory = _ => "auto" };
        timestampFormat.AcceptOnlyFromAmong("auto", "iso", "seconds", "milliseconds");
        var json = new Option<bool>("--json") { Description = "Write the result as JSON (the results endpoint's shape) instead of tables." };
        var allowRed = new Option<bool>("--allow-red-checks") { Description = "Exit 0 even when a check is red (sample ratio mismatch, dependent assignment, too many multiple exposures); by default such a result exits 3." };
        var bayesian = new Option<bool>("--bayesian") { Description = "Also print each treatment's chance to win and risk (the Bayesian view); --json always carries them." };
        var factorial = new Option<string?>("--factorial") { Description = FactorialOption.Help };
        var target = new Option<FileInfo?>("--target") { Description = "A CSV of the target population, attribute columns and units (country,platform,units): compare the cohort's mix with it and reweight each effect to it." };
        var by = new Option<string?>("--by") { Description = "With --target: the attributes to compare and reweight over, comma-separated (default: every attribute column of the target)." };
        var command = new Command("analyze", "Analyse an experiment from exposure and event files (CSV or Parquet), without a server.")
        {
            exposures, events, units, experiment, metricsFile, metric, phase, variations, weights, breakdown, columns, timestampFormat, json, allowRed, bayesian, factorial, target, by,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(new AnalyzeArguments(
            parse.GetValue(exposures)!,
            parse.GetValue(events)!,
            parse.GetValue(units),
            parse.GetValue(experiment)!,
            parse.GetValue(metricsFile),
            parse.GetValue(metric) ?? [],
            parse.GetValue(phase),
            parse.GetValue(variations),
            parse.GetValue(weights),
            parse.GetValue(breakdown),
            parse.GetValue(columns) ?? [],
            parse.GetValue(timestampFormat)!,
            parse.GetValue(json),
            parse.GetValue(allowRed),
            parse.GetValue(bayesian),
            parse.GetValue(factorial),
            parse.GetValue(target),
            parse.GetValue(by)), parse.InvocationConfiguration, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(AnalyzeArguments args, InvocationConfiguration io, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (FileInfo file in new[] { args.Exposures, args.Events, args.Units }.OfType<FileInfo>().Where(f => !f.Exists))
        {
            problems.Add($"The file '{file}' does not exist.");
        }

        IReadOnlyList<MetricSpec> metrics = ReadMetrics(args, problems);
        if (args.Phase < 1)
        {
            problems.Add("--phase must be 1 or more.");
        }

        (EventFileColumns exposureColumns, EventFileColumns eventColumns, EventFileColumns unitColumns) = AnalyzeColumns.Parse(args.Columns, problems);
        string[] variationKeys = args.Variations?.Split(',', StringSplitOptions.TrimEntries) ?? [];
        if (variationKeys.Any(k => k.Length == 0) || variationKeys.Distinct(StringComparer.Ordinal).Count() < variationKeys.Length)
        {
            problems.Add($"--variations '{args.Variations}' must name each variation once, comma-separated, the control first.");
        }

        // A launch's variations are its cells: exposures name them by cell key unless --variations says otherwise.
        FactorialSubject? launch = FactorialOption.Parse(args.Factorial, problems);
        if (launch is not null)
        {
            variationKeys = variationKeys.Length > 0 ? variationKeys : [.. Core.Model.FactorialCells.All(launch.Features.Count)];
            FactorialOption.CheckCells(launch, variationKeys, problems);
        }

        string[] by = args.By?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (args.By is not null && args.Target is null)
        {
            problems.Add("--by names the attributes of a --target population; give --target FILE.csv too.");
        }

        TargetPopulation? population = args.Target is null ? null : AnalyzeTarget.Read(args.Target, by, problems);
        if (problems.Count > 0)
        {
            problems.ForEach(io.Error.WriteLine);
            return ExitCodes.Usage;
        }

        var import = new EventFileImport(args.Exposures.ToString(), args.Events.ToString(), Environment)
        {
            UnitsPath = args.Units?.ToString(),
            ExposureColumns = exposureColumns,
            EventColumns = eventColumns,
            UnitColumns = unitColumns,
            TimestampFormat = args.TimestampFormat switch
            {
                "iso" => TimestampFormat.Iso8601,
                "seconds" => TimestampFormat.EpochSeconds,
                "milliseconds" => TimestampFormat.EpochMilliseconds,
                _ => TimestampFormat.Auto,
            },
            Experiment = args.Experiment,
            Phase = args.Phase,
            VariationKeys = variationKeys,
        };
        string folder = Path.Combine(Path.GetTempPath(), "failsmart-analyze-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var store = new DuckDbEventStore(DataFolder.Prepare(folder), TimeProvider.System);
            await store.InitializeAsync(cancellationToken);
            RepresentativenessResponse? representativeness = null;
            ExperimentResultsResponse? result = await AnalyzeProgress.RunAsync(io.Error, async progress =>
            {
                FileImportResult imported = await store.ImportAsync(import, cancellationToken);
                if (!imported.Succeeded)
                {
                    problems.AddRange(imported.Problems.Select(p => p.ToString()));
                    if (imported.Problems.Any(p => p.Location is null && p.Column is not null))
                    {
                        problems.Add("Name the columns your files use with --columns, e.g. --columns unit=user_id,timestamp=ts.");
                    }

                    return null;
                }

                if (args.Breakdown is { } attribute && !imported.Attributes.Contains(attribute, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"--breakdown '{attribute}' is not a column of the exposures file{(args.Units is null ? "" : " or the units file")}; "
                        + $"the unit attributes are: {(imported.Attributes.Count == 0 ? "(none)" : string.Join(", ", imported.Attributes))}.");
                    return null;
                }

                progress.Report((1, 2));
                ExposureSummary summary = await store.SummarizeExposuresAsync(
                    new ExperimentScope(Environment, args.Experiment, args.Phase, DateTimeOffset.MaxValue), cancellationToken);
                ExperimentSubject? subject = Subject(args, variationKeys, summary, problems);
                if (subject is null)
                {
                    return null;
                }

                if (population is not null)
                {
                    IReadOnlyList<string> attributes = by.Length > 0 ? by : population.Attributes;
                    string[] missing = [.. attributes.Where(a => !imported.Attributes.Contains(a, StringComparer.OrdinalIgnoreCase))];
                    if (missing.Length > 0)
                    {
                        problems.Add($"--target compares {string.Join(", ", missing)}, which the exposures file{(args.Units is null ? "" : " and the units file")} do not carry; "
                            + $"the unit attributes are: {(imported.Attributes.Count == 0 ? "(none)" : string.Join(", ", imported.Attributes))}.");
                        return null;
                    }

                    representativeness = await new RepresentativenessAnalyzer(store).AnalyzeAsync(
                        Environment, subject, metrics, TargetSource.Of(population), [.. attributes.Select(a => Breakdown(a, imported.Attributes)!)], DateTimeOffset.MaxValue, cancellationToken);
                }

                var analyzer = new ExperimentAnalyzer(store, TimeProvider.System) { Progress = new Progress<(int Done, int Total)>(p => progress.Report((1 + p.Done, 1 + p.Total))) };
                return await analyzer.AnalyzeAsync(Environment, subject with { Factorial = launch }, metrics, Breakdown(args.Breakdown, imported.Attributes), cancellationToken);
            });
            if (result is null)
            {
                problems.ForEach(io.Error.WriteLine);
                return ExitCodes.InvalidInput;
            }

            return representativeness is null
                ? AnalyzeOutput.Write(io.Output, io.Error, result, args.Json, args.Bayesian, args.AllowRedChecks)
                : AnalyzeOutput.Write(io.Output, io.Error, result, representativeness, args.Json, args.Bayesian, args.AllowRedChecks);
        }
        catch (StorageException ex)
        {
            await io.Error.WriteLineAsync(ex.Message.ReplaceLineEndings(" "));
            return ExitCodes.InvalidInput;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>The attribute as the files spell it (names match case-insensitively).</summary>
    private static string? Breakdown(string? asked, IReadOnlyList<string> attributes) =>
        asked is null ? null : attributes.First(a => string.Equals(a, asked, StringComparison.OrdinalIgnoreCase));

    private static List<MetricSpec> ReadMetrics(AnalyzeArguments args, List<string> problems)
    {
        var documents = new List<JsonElement>();
        if (args.MetricsFile is { } file)
        {
            try
            {
                using JsonDocument parsed = JsonDocument.Parse(File.ReadAllText(file.FullName));
                JsonElement root = parsed.RootElement.Clone();
                documents.AddRange(root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [root]);
            }
            catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
            {
                problems.Add($"--metrics '{file.Name}' could not be read: {ex.Message.ReplaceLineEndings(" ")}");
            }
        }

        foreach (string quick in args.QuickMetrics)
        {
            string[] parts = quick.Split(':', 2);
            if (parts.Length != 2 || parts[0] is not ("conversion" or "count" or "sum" or "mean") || parts[1].Length == 0)
            {
                problems.Add($"--metric '{quick}' is not TYPE:EVENT with TYPE conversion, count, sum or mean.");
                continue;
            }

            documents.Add(JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["key"] = $"{parts[1]}-{parts[0]}", ["type"] = parts[0], ["event"] = parts[1] }));
        }

        var metrics = new List<MetricSpec>();
        for (int i = 0; i < documents.Count; i++)
        {
            (MetricSpec? spec, IReadOnlyList<FieldProblem> invalid) = MetricDocumentReader.Read(documents[i]);
            problems.AddRange(invalid.Select(p => $"metric {i + 1}: {p.Path}: {p.Message}{(p.Hint is null ? "" : " " + p.Hint)}"));
            if (spec is not null)
            {
                metrics.Add(spec);
            }
        }

        if (documents.Count == 0 && problems.Count == 0)
        {
            problems.Add("Name at least one metric: --metrics FILE.json or --metric conversion:purchase.");
        }

        return metrics;
    }

    private static ExperimentSubject? Subject(AnalyzeArguments args, string[] variationKeys, ExposureSummary summary, List<string> problems)
    {
        int count = summary.Variations.Count == 0 ? 0 : summary.Variations.Max(v => v.Variation) + 1;
        string[] names = variationKeys.Length > 0 ? variationKeys : [.. Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        if (count < 2 && names.Length < 2)
        {
            problems.Add($"The exposures file has fewer than two variations for experiment '{args.Experiment}' phase {args.Phase}; check --experiment and --phase.");
            return null;
        }

        if (names.Length < count)
        {
            // A cell key of a launch with more features, or an index: either way not a cell of this launch.
            problems.Add(args.Factorial is null
                ? $"--variations names {names.Length} variations, but the exposures have {count}."
                : $"The exposures name variations that are not cells of the launch ({string.Join(", ", names)}): name each unit's cell as its variation, one 0 or 1 per --factorial feature in order.");
            return null;
        }

        double[] planned = [.. Enumerable.Repeat(1.0 / names.Length, names.Length)];
        if (args.Weights is not null)
        {
            string[] parts = args.Weights.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != names.Length || !parts.All(p => double.TryParse(p, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double w) && w > 0))
            {
                problems.Add($"--weights needs {names.Length} positive numbers, one per variation.");
                return null;
            }

            planned = [.. parts.Select(p => double.Parse(p, System.Globalization.CultureInfo.InvariantCulture))];
        }

        return new ExperimentSubject(args.Experiment, args.Phase, [.. names.Select((n, i) => (n, planned[i]))]);
    }
}
