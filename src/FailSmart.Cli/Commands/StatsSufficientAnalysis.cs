using System.Globalization;
using System.Text.Json;
using FailSmart.Application.Metrics;
using FailSmart.Cli.SufficientStatistics;
using FailSmart.Protocol.Results;
using FailSmart.Server.Results;

namespace FailSmart.Cli.Commands;

/// <summary>
/// Sufficient statistics → the analyzer of `failsmart analyze` (through <see cref="PrecomputedEventStore"/>)
/// → its tables or JSON, so both commands give the same numbers, statuses and verdict for the same sums.
/// </summary>
internal static class StatsSufficientAnalysis
{
    public static async Task<int> RunAsync(string text, JsonElement? json, string name, StatsAnalyzeOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!(options.Alpha > 0 && options.Alpha < 0.5))
        {
            problems.Add($"--alpha {options.Alpha.ToString(CultureInfo.InvariantCulture)} must be above 0 and below 0.5, such as 0.05.");
        }

        if (options.PlannedUnits < 2)
        {
            problems.Add("--planned-units must be 2 or more: the planned sample over all variations.");
        }

        FactorialSubject? launch = FactorialOption.Parse(options.Factorial, problems);
        if (problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            return ExitCodes.Usage;
        }

        // A launch's cells are compared with none of the bundle (all 0s) unless --control says otherwise.
        string? control = options.Control ?? (launch is null ? null : new string('0', launch.Features.Count));
        StatisticsInput? input = json is { } root
            ? StatisticsInputReader.ReadJson(root, name, control, problems)
            : StatisticsInputReader.ReadCsv(text, name, control, problems);
        if (launch is not null && input is not null)
        {
            FactorialOption.CheckCells(launch, input.Variations, problems);
        }

        if (input is null || problems.Count > 0)
        {
            problems.ForEach(error.WriteLine);
            return ExitCodes.InvalidInput;
        }

        double[]? weights = Weights(options.Weights, input.Variations, problems);
        if (weights is null)
        {
            problems.ForEach(error.WriteLine);
            return ExitCodes.Usage;
        }

        var subject = new ExperimentSubject(name, 1, [.. input.Variations.Select((v, i) => (v, weights[i]))], launch);
        var analyzer = new ExperimentAnalyzer(new PrecomputedEventStore(input), TimeProvider.System) { Alpha = options.Alpha };
        ExperimentResultsResponse result = await analyzer.AnalyzeAsync(
            "file", subject, [.. input.Metrics.Select(m => new MetricSpec(m.Definition, options.PlannedUnits))], null, cancellationToken);

        // The metric's type as the file names it (mean, proportion, ratio), not the event metric it stands in for.
        result = result with { Metrics = [.. result.Metrics.Select((m, i) => m with { Type = StatisticsRowParser.Name(input.Metrics[i].Type) })] };
        return AnalyzeOutput.Write(output, error, result, options.Json, options.Bayesian, options.AllowRedChecks);
    }

    private static double[]? Weights(string? text, IReadOnlyList<string> variations, List<string> problems)
    {
        if (text is null)
        {
            return [.. variations.Select(_ => 1.0 / variations.Count)];
        }

        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var weights = new double[parts.Length];
        if (parts.Length != variations.Count
            || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out weights[i]) && weights[i] > 0 && double.IsFinite(weights[i])).All(ok => ok))
        {
            problems.Add($"--weights '{text}' needs {variations.Count} positive numbers, one per variation in this order: {string.Join(", ", variations)}.");
            return null;
        }

        return weights;
    }
}
