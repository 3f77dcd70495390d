using System.Globalization;

namespace FailSmart.Statistics;

/// <summary>
/// Numbers in the explanations a reader sees: an estimate and both ends of its interval with one number of decimals
/// (enough for two significant digits of the interval's half-width), signed, and p-values as "p &lt; 0.0001" or
/// "p = 0.0123". Written in the invariant culture, whatever the server's.
/// </summary>
internal static class EffectText
{
    /// <summary>"+0.022 (−0.030 to +0.075)": the estimate, then its interval, all with the same decimals.</summary>
    public static string WithInterval(double estimate, double lower, double upper)
    {
        string format = Decimals((upper - lower) / 2, estimate);
        return $"{Signed(estimate, format)} ({Signed(lower, format)} to {Signed(upper, format)})";
    }

    public static string P(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + p.ToString("0.0000", CultureInfo.InvariantCulture);

    // Two significant digits of the half-width; a zero or unknown width falls back to the estimate's own size.
    private static string Decimals(double halfWidth, double estimate)
    {
        double scale = double.IsFinite(halfWidth) && halfWidth > 0 ? halfWidth : Math.Abs(estimate);
        if (!double.IsFinite(scale) || scale == 0)
        {
            return "0.##";
        }

        int decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(scale)) + 1, 0, 12);
        return decimals == 0 ? "0" : "0." + new string('0', decimals);
    }

    // A real minus sign, as the results page writes one; zero unsigned.
    private static string Signed(double value, string format)
    {
        string text = Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);
        return text.Trim('0', '.').Length == 0 ? text : (value < 0 ? "−" : "+") + text;
    }
}
