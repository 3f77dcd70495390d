using System.Globalization;
using FailSmart.Storage.Events;
using C = FailSmart.Cli.SufficientStatistics.StatisticsColumns;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>
/// Turns a row of text into sufficient statistics, or names every cell that is wrong and how to fix it:
/// a missing or non-numeric value, a negative or fractional count, sums of squares too small for their sum
/// (a negative variance), a proportion outside 0..count, columns that do not belong to the metric's type.
/// </summary>
internal static class StatisticsRowParser
{
    private static readonly string[] s_ratioColumns = [C.DenominatorSum, C.DenominatorSumSquares, C.DenominatorSumProduct];
    private static readonly string[] s_covariateColumns = [C.CovariateSum, C.CovariateSumSquares, C.CovariateSumProduct];

    public static StatisticsRow? Parse(InputRow row, List<string> problems)
    {
        int before = problems.Count;
        string? metric = Text(row, C.Metric, problems);
        string? variation = Text(row, C.Variation, problems);
        StatisticsType? type = Type(row, problems);
        string? role = Choice(row, C.Role, ["primary", "secondary", "guardrail"], problems);
        string? direction = Choice(row, C.Direction, ["increase", "decrease"], problems);
        long? count = Count(row, problems);
        double? sum = Number(row, C.Sum, problems);
        if (type is null || count is null || sum is null || problems.Count > before)
        {
            return null;
        }

        bool hasRatio = s_ratioColumns.Any(c => row[c] is not null);
        bool hasCovariate = s_covariateColumns.Any(c => row[c] is not null);
        if (type != StatisticsType.Ratio && hasRatio)
        {
            problems.Add($"{row.At(s_ratioColumns.First(c => row[c] is not null))}: denominator sums belong to ratio metrics, but this row's type is {Name(type.Value)}; set type ratio or leave them empty.");
            return null;
        }

        if (type == StatisticsType.Ratio && hasCovariate)
        {
            problems.Add($"{row.At(s_covariateColumns.First(c => row[c] is not null))}: CUPED on a ratio needs the pre-exposure denominator as well, which this format does not take; "
                + "leave the covariate columns empty for ratio metrics (CUPED applies to mean and proportion metrics).");
            return null;
        }

        double sumSquares = sum.Value;
        if (type == StatisticsType.Proportion)
        {
            if (sum < 0 || sum > count)
            {
                problems.Add($"{row.At(C.Sum)}: {F(sum.Value)} is not between 0 and count ({count}); a proportion's sum is the number of units that converted. If the values are not 0 or 1, set type mean and give sum_squares.");
            }

            if (Number(row, C.SumSquares, problems, required: false) is { } given && !Close(given, sum.Value))
            {
                problems.Add($"{row.At(C.SumSquares)}: {F(given)} differs from sum ({F(sum.Value)}); a proportion's values are 0 or 1, so Σy² = Σy. If the values are not 0 or 1, set type mean.");
            }
        }
        else
        {
            sumSquares = Number(row, C.SumSquares, problems, why: $"a {Name(type.Value)} metric needs it") ?? double.NaN;
            Spread(row, C.SumSquares, C.Sum, sumSquares, sum.Value, count.Value, problems);
        }

        DenominatorSums? denominator = null;
        if (type == StatisticsType.Ratio)
        {
            double? d = Number(row, C.DenominatorSum, problems, why: "a ratio metric needs it");
            double? dd = Number(row, C.DenominatorSumSquares, problems, why: "a ratio metric needs it");
            double? yd = Number(row, C.DenominatorSumProduct, problems, why: "a ratio metric needs it");
            if (d is not null && dd is not null && yd is not null)
            {
                Spread(row, C.DenominatorSumSquares, C.DenominatorSum, dd.Value, d.Value, count.Value, problems);
                denominator = new DenominatorSums(d.Value, dd.Value, yd.Value);
            }
        }

        CovariateSums? covariate = null;
        if (hasCovariate)
        {
            double? x = Number(row, C.CovariateSum, problems, why: "CUPED needs all three covariate sums");
            double? xx = Number(row, C.CovariateSumSquares, problems, why: "CUPED needs all three covariate sums");
            double? xy = Number(row, C.CovariateSumProduct, problems, why: "CUPED needs all three covariate sums");
            if (x is not null && xx is not null && xy is not null)
            {
                Spread(row, C.CovariateSumSquares, C.CovariateSum, xx.Value, x.Value, count.Value, problems);
                covariate = new CovariateSums(x.Value, xx.Value, xy.Value, null);
            }
        }

        return problems.Count > before
            ? null
            : new StatisticsRow(row, metric!, variation!, type.Value, role, direction, new VariationStatistics(0, count.Value, sum.Value, sumSquares, denominator, covariate));
    }

    public static string Name(StatisticsType type) => type.ToString().ToLowerInvariant();

    private static string? Text(InputRow row, string column, List<string> problems)
    {
        if (row[column] is { } text)
        {
            return text;
        }

        problems.Add($"{row.At(column)}: {Absent(row)}; give {InputRows.Describe(column)}.");
        return null;
    }

    /// <summary>The row's type, or the one its columns imply: denominator sums make a ratio, no sum of squares a proportion.</summary>
    private static StatisticsType? Type(InputRow row, List<string> problems)
    {
        switch (row[C.Type]?.ToLowerInvariant())
        {
            case null:
                return s_ratioColumns.Any(c => row[c] is not null) ? StatisticsType.Ratio
                    : row[C.SumSquares] is null ? StatisticsType.Proportion
                    : StatisticsType.Mean;
            case "mean":
                return StatisticsType.Mean;
            case "proportion" or "binomial":
                return StatisticsType.Proportion;
            case "ratio":
                return StatisticsType.Ratio;
            default:
                problems.Add($"{row.At(C.Type)}: '{row[C.Type]}' is not a type; write mean, proportion or ratio, or leave it empty to have it inferred "
                    + "(denominator sums: ratio; no sum_squares: proportion; otherwise mean).");
                return null;
        }
    }

    private static string? Choice(InputRow row, string column, string[] allowed, List<string> problems)
    {
        string? value = row[column]?.ToLowerInvariant();
        if (value is null || allowed.Contains(value))
        {
            return value;
        }

        problems.Add($"{row.At(column)}: '{row[column]}' is not one of {string.Join(", ", allowed)}; write one of them or leave it empty.");
        return null;
    }

    private static long? Count(InputRow row, List<string> problems)
    {
        if (Number(row, C.Count, problems) is not { } value)
        {
            return null;
        }

        if (value < 0 || value != Math.Floor(value) || value > long.MaxValue)
        {
            problems.Add($"{row.At(C.Count)}: {F(value)} is not a count of units; write a whole number, 0 or more.");
            return null;
        }

        return (long)value;
    }

    private static double? Number(InputRow row, string column, List<string> problems, bool required = true, string? why = null)
    {
        if (row[column] is not { } text)
        {
            if (required)
            {
                problems.Add($"{row.At(column)}: {Absent(row)}{(why is null ? "" : $", and {why}")}; give {InputRows.Describe(column)}.");
            }

            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        problems.Add($"{row.At(column)}: '{text}' is not a number; write digits with a '.' before any decimals and no thousands separators, such as 1234.5 or 1.2e6.");
        return null;
    }

    /// <summary>Σv² ≥ (Σv)²/n, or the variance would be negative: the usual slip is a variance or (Σv)² in place of Σv².</summary>
    private static void Spread(InputRow row, string squaresColumn, string sumColumn, double squares, double sum, long count, List<string> problems)
    {
        if (count == 0 || double.IsNaN(squares))
        {
            return;
        }

        double floor = sum * sum / count;
        if (squares < floor && !Close(squares, floor))
        {
            problems.Add($"{row.At(squaresColumn)}: {F(squares)} is less than {sumColumn}²/count = {F(floor)}, so the variance would be negative; "
                + $"{squaresColumn} is the sum of the squared per-unit values (Σv²), not a variance or the square of the sum.");
        }
    }

    private static string Absent(InputRow row) => row.FieldWord == "field" ? "is missing" : "is empty";

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(a), Math.Abs(b));

    private static string F(double value) => value.ToString("G10", CultureInfo.InvariantCulture);
}
