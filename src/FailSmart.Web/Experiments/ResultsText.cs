using System.Globalization;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;

namespace FailSmart.Web.Experiments;

/// <summary>Numbers and codes of a result in words, with units and a sensible precision ("+2.4% (−0.3% to +5.1%)").</summary>
public static class ResultsText
{
    public static string Decision(ExperimentVerdictResponse verdict) => verdict.Decision switch
    {
        "ship" => verdict.Variation is { } v ? $"Ship {v}" : "Ship",
        "do-not-ship" => "Do not ship",
        "keep-running" => "Keep running",
        "stop-for-futility" => "Stop for futility",
        "invalid" => "Invalid: do not trust these results",
        _ => verdict.Decision,
    };

    public static string Status(string? status) => status switch
    {
        null => "—",
        "too-early" => "Too early",
        "keep-running" => "Keep running",
        "significant-improvement" => "Significant improvement",
        "significant-harm" => "Significant harm",
        "inconclusive" => "Inconclusive",
        VariationResultResponse.DoNotTrust => "Do not trust: fix and restart",
        _ => status,
    };

    public static string Check(string code) => code switch
    {
        ResultWarning.SampleRatioMismatch => "Sample ratio mismatch",
        ResultWarning.ExperimentDependency => "Depends on another trial",
        ResultWarning.MultipleExposures => "Units saw more than one variation",
        _ => code,
    };

    public static string Role(string role) => role switch
    {
        "primary" => "Primary metric",
        "secondary" => "Secondary metric",
        "guardrail" => "Guardrail",
        _ => role,
    };

    public static string Correction(string correction) => correction switch
    {
        "holm" => "Holm",
        "benjamini-hochberg" => "BH",
        _ => correction,
    };

    public static string Direction(string direction) => direction == "decrease" ? "lower is better" : "higher is better";

    public static string Verdict(EffectVerdict verdict) => verdict switch
    {
        EffectVerdict.Better => "Better",
        EffectVerdict.Worse => "Worse",
        EffectVerdict.DoNotTrust => "Do not trust",
        _ => "No clear difference",
    };

    /// <summary>An effect on the given scale: a relative lift as a signed percentage, an absolute one in the metric's unit (<see cref="ResultNumbers"/>).</summary>
    public static string Effect(double? value, EffectScale scale, string metricType) => value is not { } v
        ? "—"
        : scale == EffectScale.Relative ? ResultNumbers.Relative(v) : ResultNumbers.Absolute(v, metricType);

    /// <summary>An effect beside its interval, at the interval's precision, so the estimate and interval columns read alike.</summary>
    public static string Effect(double? value, double? lower, double? upper, EffectScale scale, string metricType) =>
        value is { } v && lower is { } l && upper is { } u && scale == EffectScale.Absolute
            ? ResultNumbers.AbsoluteWithin(v, l, u, metricType)
            : Effect(value, scale, metricType);

    public static string Interval(double? lower, double? upper, EffectScale scale, string metricType) => lower is not { } l || upper is not { } u
        ? "—"
        : scale == EffectScale.Relative ? ResultNumbers.RelativeInterval(l, u) : ResultNumbers.AbsoluteInterval(l, u, metricType);

    public static string Value(double? value, string metricType) => value is { } v ? ResultNumbers.Value(v, metricType) : "—";

    public static string PValue(double? p) => p is { } v ? ResultNumbers.PValue(v) : "—";

    /// <summary>"p = 0.0123", or "p &lt; 0.0001" for anything smaller.</summary>
    public static string PIs(double p) => ResultNumbers.P(p);

    public static string Units(long units) => units.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The numbers as the API has them, for data attributes that tests compare with the API.</summary>
    public static string Raw(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
