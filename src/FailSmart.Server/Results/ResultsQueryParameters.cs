using System.Globalization;
using FailSmart.Protocol.Admin;

namespace FailSmart.Server.Results;

/// <summary>The query-string parts every results endpoint reads the same way.</summary>
internal static class ResultsQueryParameters
{
    /// <summary>The metric keys of a comma-separated list, without repeats; null when none was sent.</summary>
    public static IReadOnlyList<string>? MetricKeys(string? metrics) =>
        metrics is null ? null : [.. metrics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>The phase asked for: null for the current one; a number the service checks; or a problem added for text that is not one.</summary>
    public static int? Phase(string key, string? phase, List<FieldProblem> problems)
    {
        if (phase is null or "current")
        {
            return null;
        }

        if (int.TryParse(phase, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            return number;
        }

        problems.Add(new("phase", $"'{phase}' is not a phase of '{key}'.", "Use current, or a phase number from 1."));
        return null;
    }
}
