using FailSmart.Protocol.Results;

namespace FailSmart.Web.Experiments;

/// <summary>The rows of a metric's forest plot: each treatment against the control, on one scale.</summary>
public static class ForestRows
{
    public static IReadOnlyList<ForestRow> Of(MetricResultResponse metric, EffectScale scale, bool redCheck) =>
        [.. metric.Variations.Where(v => v.Index != metric.Variations[0].Index).Select(v => Row(metric, v, scale, redCheck))];

    private static ForestRow Row(MetricResultResponse metric, VariationResultResponse v, EffectScale scale, bool redCheck)
    {
        (double? estimate, double? lower, double? upper) = scale == EffectScale.Relative
            ? (v.RelativeLift, v.LiftLower, v.LiftUpper)
            : (v.AbsoluteEffect, v.AbsoluteLower, v.AbsoluteUpper);
        return new ForestRow(v.Key, estimate, lower, upper, Verdict(metric.Direction, lower, upper, redCheck), v.Units, v.Status, v.GuardrailMessage ?? v.Message,
            v.EstimatedDecisionDate, v.AdjustedPValue);
    }

    private static EffectVerdict Verdict(string direction, double? lower, double? upper, bool redCheck)
    {
        if (redCheck)
        {
            return EffectVerdict.DoNotTrust;
        }

        if (lower is not { } low || upper is not { } high || (low <= 0 && high >= 0))
        {
            return EffectVerdict.Unclear;
        }

        bool up = low > 0;
        return up == (direction != "decrease") ? EffectVerdict.Better : EffectVerdict.Worse;
    }
}
