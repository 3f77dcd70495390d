using System.Globalization;
using System.Text;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Results;

/// <summary>
/// An experiment's results as CSV (RFC 4180): one row per metric and variation, with exactly the numbers of
/// <see cref="ExperimentResultsResponse"/>, so a spreadsheet and the results page never disagree. A factorial
/// launch adds, per metric, a row for each main effect, each interaction and the bundle (see <see cref="FactorialCsvRows"/>).
/// Numbers are written round-trippable in the invariant culture; a missing number is an empty cell.
/// </summary>
public static class ResultsCsv
{
    /// <summary>The header row's columns, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "experiment", "environment", "phase", "computed_at", "metric", "type", "role", "direction", "variation", "units", "value",
        "relative_lift", "lift_lower", "lift_upper", "absolute_effect", "absolute_lower", "absolute_upper",
        "p_value", "adjusted_p_value", "correction", "status", "estimated_decision_date", "checks",
        "term_kind", "term", "term_order", "standard_error", "reading", "interaction_chi_square", "interaction_df", "interaction_p_value",
    ];

    /// <summary>The CSV text, with CRLF line ends.</summary>
    public static string Write(ExperimentResultsResponse results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var csv = new StringBuilder();
        AppendRow(csv, Columns);
        // A red check makes every number untrustworthy; the column carries that into any copy of the file.
        string checks = results.Warnings.Any(w => w.Severity == ResultWarning.Red) ? "red" : results.Warnings.Count > 0 ? "amber" : "ok";
        string computedAt = Date(results.ComputedAt ?? results.AnalyzedAt);
        foreach (MetricResultResponse metric in results.Metrics)
        {
            foreach (VariationResultResponse variation in metric.Variations)
            {
                AppendRow(csv,
                [
                    results.Experiment, results.Environment, Number(results.Phase), computedAt,
                    metric.Metric, metric.Type, metric.Role, metric.Direction, variation.Key, Number(variation.Units), Number(variation.Value),
                    Number(variation.RelativeLift), Number(variation.LiftLower), Number(variation.LiftUpper),
                    Number(variation.AbsoluteEffect), Number(variation.AbsoluteLower), Number(variation.AbsoluteUpper),
                    Number(variation.PValue), Number(variation.AdjustedPValue), variation.Correction ?? string.Empty, variation.Status ?? string.Empty,
                    Date(variation.EstimatedDecisionDate), checks,
                    FactorialCsvRows.VariationKind, "", "", "", "", "", "", "",
                ]);
            }

            foreach (FactorialCsvRow term in FactorialCsvRows.Of(metric.Factorial))
            {
                FactorialEffectResponse effect = term.Effect;
                FactorialInteractionTest? test = metric.Factorial!.InteractionTest;
                AppendRow(csv,
                [
                    results.Experiment, results.Environment, Number(results.Phase), computedAt,
                    metric.Metric, metric.Type, metric.Role, metric.Direction, "", Number(term.Units), "",
                    "", "", "",
                    Number(effect.Estimate), Number(effect.Lower), Number(effect.Upper),
                    Number(effect.PValue), "", "", "",
                    "", checks,
                    term.Kind, term.Name, Number(term.Order), Number(effect.StandardError), term.Reading ?? string.Empty,
                    Number(test?.ChiSquare), test is null ? "" : Number(test.DegreesOfFreedom), Number(test?.PValue),
                ]);
            }
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    private static void AppendRow(StringBuilder csv, IReadOnlyList<string> cells)
    {
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            csv.Append(Cell(cells[i]));
        }

        csv.Append("\r\n");
    }

    // Quotes what RFC 4180 requires; a text cell that a spreadsheet would run as a formula gets a leading
    // apostrophe, since keys and statuses come from configuration people type.
    private static string Cell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '@' or '\t' or '\r' && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
