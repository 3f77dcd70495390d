using System.Globalization;
using FailSmart.Protocol.Results;

namespace FailSmart.Web.Experiments;

/// <summary>Numbers and codes of a result in words, with units and a sensible precision ("+2.4% (−0.3% to +5.1%)").</summary>
public static class ResultsText
{
    private const char Minus = '\u2212';

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

    /// <summary>An effect on the given scale: a relative lift as a signed percentage, an absolute one in the metric's unit.</summary>
    public static string Effect(double? value, EffectScale scale, string metricType) => value is not { } v
        ? "—"
        : scale == EffectScale.Relative ? Signed(v * 100, "0.0") + "%"
        : metricType == "conversion" || metricType == "retention" ? Signed(v * 100, "0.00") + " pp"
        : Signed(v, Precision(v));

    public static string Interval(double? lower, double? upper, EffectScale scale, string metricType) =>
        lower is null || upper is null ? "—" : $"{Effect(lower, scale, metricType)} to {Effect(upper, scale, metricType)}";

    public static string Value(double? value, string metricType) => value is not { } v
        ? "—"
        : metricType == "conversion" || metricType == "retention" ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"
        : Plain(v, Precision(v));

    public static string PValue(double? p) => p switch
    {
        null => "—",
        < 0.0001 => "< 0.0001",
        { } v => v.ToString("0.0000", CultureInfo.InvariantCulture),
    };

    /// <summary>"p = 0.0123", or "p &lt; 0.0001" for anything smaller.</summary>
    public static string PIs(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + PValue(p);

    public static string Units(long units) => units.ToString("#,0", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset? at) => at?.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>The numbers as the API has them, for data attributes that tests compare with the API.</summary>
    public static string Raw(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Precision(double v) => Math.Abs(v) switch
    {
        >= 100 => "#,0",
        >= 1 => "0.00",
        >= 0.01 => "0.000",
        _ => "0.#####",
    };

    private static string Signed(double v, string format)
    {
        string text = Math.Abs(v).ToString(format, CultureInfo.InvariantCulture);
        bool zero = text.All(c => c is '0' or '.' or ',');
        return zero ? text : (v < 0 ? Minus : '+') + text;
    }

    private static string Plain(double v, string format)
    {
        string text = Math.Abs(v).ToString(format, CultureInfo.InvariantCulture);
        return v < 0 ? Minus + text : text;
    }
}
