using System.Text.Json;
using FailSmart.Storage.Events;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>
/// Reads a sufficient-statistics file (CSV or JSON) into metrics × variations, refusing it with every
/// problem named by file, line or row and column when it cannot be analysed as written.
/// </summary>
internal static class StatisticsInputReader
{
    public static StatisticsInput? ReadCsv(string text, string name, string? control, List<string> problems) =>
        Build(InputRows.FromCsv(text, name, problems), name, control, problems);

    public static StatisticsInput? ReadJson(JsonElement root, string name, string? control, List<string> problems) =>
        Build(InputRows.FromJson(root, name, problems), name, control, problems);

    private static StatisticsInput? Build(List<InputRow> rows, string name, string? control, List<string> problems)
    {
        var parsed = new List<StatisticsRow>();
        foreach (InputRow row in rows)
        {
            if (StatisticsRowParser.Parse(row, problems) is { } ok)
            {
                parsed.Add(ok);
            }
        }

        if (problems.Count > 0)
        {
            return null;
        }

        List<string> variations = [.. parsed.Select(r => r.Variation).Distinct(StringComparer.Ordinal)];
        if (control is not null)
        {
            if (!variations.Remove(control))
            {
                problems.Add($"--control '{control}' is not a variation of '{name}'; the variations are {string.Join(", ", variations)}.");
                return null;
            }

            variations.Insert(0, control);
        }

        var metrics = new List<InputMetric>();
        foreach (IGrouping<string, StatisticsRow> group in parsed.GroupBy(r => r.Metric, StringComparer.Ordinal))
        {
            if (Metric(group, variations, name, problems) is { } metric)
            {
                metrics.Add(metric);
            }
        }

        return problems.Count > 0 ? null : new StatisticsInput(variations, metrics);
    }

    private static InputMetric? Metric(IGrouping<string, StatisticsRow> rows, List<string> variations, string name, List<string> problems)
    {
        int before = problems.Count;
        StatisticsRow first = rows.First();
        var arms = new VariationStatistics?[variations.Count];
        foreach (StatisticsRow row in rows)
        {
            int index = variations.IndexOf(row.Variation);
            if (arms[index] is not null)
            {
                problems.Add($"{row.Source.Place}: metric '{rows.Key}' already has a row for variation '{row.Variation}'; give each metric one row per variation (sum the rows first).");
            }

            Same(row, first, StatisticsColumns.Type, r => StatisticsRowParser.Name(r.Type), problems);
            Same(row, first, StatisticsColumns.Role, r => r.Role ?? "primary", problems);
            Same(row, first, StatisticsColumns.Direction, r => r.Direction ?? "increase", problems);
            arms[index] = row.Arm with { Variation = index };
        }

        string[] present = [.. variations.Where((_, i) => arms[i] is not null)];
        if (present.Length == 1)
        {
            problems.Add($"{first.Source.Place}: metric '{rows.Key}' has one variation ('{present[0]}'); add a row for the control and for each treatment, so there is something to compare.");
        }
        else
        {
            foreach (string missing in variations.Where((_, i) => arms[i] is null))
            {
                problems.Add($"'{name}': metric '{rows.Key}' has no row for variation '{missing}'; add one (count 0 if no unit saw it), or put the metrics with other variations in a file of their own.");
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        var definition = new MetricDefinition
        {
            Key = rows.Key,
            EventName = rows.Key,
            DenominatorEventName = first.Type == StatisticsType.Ratio ? rows.Key : null,
            Kind = first.Type switch
            {
                StatisticsType.Proportion => MetricKind.Conversion,
                StatisticsType.Ratio => MetricKind.Ratio,
                _ => MetricKind.Sum, // a per-unit value: Welch, or CUPED with a covariate
            },
            Role = first.Role switch
            {
                "guardrail" => MetricRole.Guardrail,
                "secondary" => MetricRole.Secondary,
                _ => MetricRole.Primary,
            },
            Direction = first.Direction == "decrease" ? MetricDirection.Decrease : MetricDirection.Increase,
        };
        return new InputMetric(definition, first.Type, [.. arms.Select(a => a!)]);
    }

    private static void Same(StatisticsRow row, StatisticsRow first, string column, Func<StatisticsRow, string> value, List<string> problems)
    {
        if (value(row) != value(first))
        {
            problems.Add($"{row.Source.At(column)}: '{value(row)}', but {first.Source.Place} gives metric '{first.Metric}' '{value(first)}'; a metric has one {column} for all its variations.");
        }
    }
}
