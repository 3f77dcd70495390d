using System.Globalization;
using FailSmart.Protocol.Results;

namespace FailSmart.Application.Results;

/// <summary>
/// How FailSmart writes a result's numbers, in one place so that the results page's effect columns, the sentences a
/// verdict carries and <c>failsmart</c> read alike: a relative lift as a signed percentage, an absolute effect in
/// percentage points for a proportion (conversion, retention) and in the metric's own unit otherwise, both ends of an
/// interval at one precision, and a p-value as "p &lt; 0.0001" or "p = 0.0123".
/// </summary>
public static class ResultNumbers
{
    // The typographic minus: a hyphen reads as a dash between numbers.
    private const char Minus = '\u2212';

    /// <summary>Whether a metric of this type is a share of units, so its effect is read in percentage points.</summary>
    public static bool IsProportion(string? metricType) => metricType is "conversion" or "retention";

    /// <summary>A relative lift (0.024 is +2.4%).</summary>
    public static string Relative(double lift) => Signed(lift * 100, "0.0") + "%";

    /// <summary>Both ends of a relative lift's interval: "−0.3% to +5.1%".</summary>
    public static string RelativeInterval(double lower, double upper) => $"{Relative(lower)} to {Relative(upper)}";

    /// <summary>
    /// An absolute effect: "+2.22 pp" for a proportion; otherwise in the metric's unit, more decimals the smaller it is.
    /// A metric type that is not known (null) is written in the metric's unit.
    /// </summary>
    public static string Absolute(double effect, string? metricType) => IsProportion(metricType)
        ? Signed(effect * 100, "0.00") + " pp"
        : Signed(effect, Precision(Math.Abs(effect)));

    /// <summary>
    /// Both ends of an absolute effect's interval: "−3.03 pp to +7.48 pp". Both ends take the precision of the wider one,
    /// so an interval never mixes "−0.03034" with "+0.075".
    /// </summary>
    public static string AbsoluteInterval(double lower, double upper, string? metricType)
    {
        if (IsProportion(metricType))
        {
            return $"{Absolute(lower, metricType)} to {Absolute(upper, metricType)}";
        }

        string format = Precision(Math.Max(Math.Abs(lower), Math.Abs(upper)));
        return $"{Signed(lower, format)} to {Signed(upper, format)}";
    }

    /// <summary>An absolute effect at the precision of the interval around it, so the two read alike: "+0.500" beside "−0.004 to +1.200".</summary>
    public static string AbsoluteWithin(double effect, double lower, double upper, string? metricType) => IsProportion(metricType)
        ? Absolute(effect, metricType)
        : Signed(effect, Precision(Math.Max(Math.Abs(effect), Math.Max(Math.Abs(lower), Math.Abs(upper)))));

    /// <summary>An absolute effect with its interval, all at one precision: "+2.22 pp (−3.03 pp to +7.48 pp)".</summary>
    public static string AbsoluteWithInterval(EffectEstimateResponse effect, string? metricType)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return $"{AbsoluteWithin(effect.Estimate, effect.Lower, effect.Upper, metricType)} ({AbsoluteInterval(effect.Lower, effect.Upper, metricType)})";
    }

    /// <summary>A metric's value: a proportion as a percentage ("12.40%"), anything else in its unit.</summary>
    public static string Value(double value, string? metricType) => IsProportion(metricType)
        ? (value * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%"
        : Plain(value, Precision(Math.Abs(value)));

    /// <summary>A p-value in a table cell: "0.0123", or "&lt; 0.0001" below that, never a misleading 0.</summary>
    public static string PValue(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A p-value in a sentence: "p = 0.0123", or "p &lt; 0.0001".</summary>
    public static string P(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + PValue(p);

    // Fixed decimals, so that two numbers written with one format line up; below 0.01, two significant digits.
    private static string Precision(double magnitude) => magnitude switch
    {
        >= 100 => "#,0",
        >= 1 => "0.00",
        >= 0.01 => "0.000",
        > 0 => "0." + new string('0', Math.Min(12, (int)Math.Ceiling(-Math.Log10(magnitude)) + 1)),
        _ => "0.000",
    };

    private static string Signed(double value, string format)
    {
        string text = Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);
        bool zero = text.All(c => c is '0' or '.' or ',');
        return zero ? text : (value < 0 ? Minus : '+') + text;
    }

    private static string Plain(double value, string format)
    {
        string text = Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);
        return value < 0 ? Minus + text : text;
    }
}
