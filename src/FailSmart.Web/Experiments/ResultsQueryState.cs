using System.Globalization;
using FailSmart.Application.Results;

namespace FailSmart.Web.Experiments;

/// <summary>
/// What the results page and the report read from their URL (?environment=…&amp;phase=…&amp;breakdown=…&amp;scale=…), so a
/// view can be bookmarked and shared.
/// </summary>
public sealed record ResultsQueryState(string Experiment, string Environment, int? Phase, string? Breakdown, EffectScale Scale, string? PhaseProblem)
{
    public static ResultsQueryState From(string experiment, string? environment, string? phase, string? breakdown, string? scale)
    {
        int? number = null;
        string? problem = null;
        if (!string.IsNullOrWhiteSpace(phase))
        {
            if (int.TryParse(phase, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed))
            {
                number = parsed;
            }
            else
            {
                problem = $"'{phase}' is not a phase number: showing the current phase.";
            }
        }

        return new ResultsQueryState(
            experiment,
            string.IsNullOrWhiteSpace(environment) ? "production" : environment.Trim(),
            number,
            string.IsNullOrWhiteSpace(breakdown) ? null : breakdown.Trim(),
            string.Equals(scale, "absolute", StringComparison.OrdinalIgnoreCase) ? EffectScale.Absolute : EffectScale.Relative,
            problem);
    }

    public ResultsQuery Query(bool refresh = false) => new(Experiment, Environment, Phase, Breakdown: Breakdown, Refresh: refresh);

    /// <summary>The timeline has no breakdown.</summary>
    public ResultsQuery TimelineQuery() => new(Experiment, Environment, Phase);

    public string Href(string? suffix = null, EffectScale? scale = null, string? breakdown = null, bool keepBreakdown = true)
    {
        var parts = new List<string> { "environment=" + Uri.EscapeDataString(Environment) };
        if (Phase is { } phase)
        {
            parts.Add("phase=" + phase.ToString(CultureInfo.InvariantCulture));
        }

        string? chosen = breakdown ?? (keepBreakdown ? Breakdown : null);
        if (chosen is not null)
        {
            parts.Add("breakdown=" + Uri.EscapeDataString(chosen));
        }

        if ((scale ?? Scale) == EffectScale.Absolute)
        {
            parts.Add("scale=absolute");
        }

        return $"/experiments/{Uri.EscapeDataString(Experiment)}{suffix}?{string.Join('&', parts)}";
    }
}
