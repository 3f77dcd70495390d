using System.Globalization;

namespace FailSmart.Application.Rollouts;

/// <summary>How the policy's reasons write numbers: invariant culture, a real minus sign, percentages to one decimal.</summary>
internal static class RolloutText
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>A stage or holdback fraction: 0.1 → "10%", 0.005 → "0.5%".</summary>
    public static string Stage(double fraction) => (fraction * 100).ToString("0.##", s_invariant) + "%";

    /// <summary>A planned share, to two decimals of a percent.</summary>
    public static string Share(double fraction) => (fraction * 100).ToString("0.0#", s_invariant) + "%";

    /// <summary>A relative change with its sign: "−3.2%", "+0.4%".</summary>
    public static string Signed(double fraction) => fraction switch
    {
        _ when !double.IsFinite(fraction) => "undefined",
        < 0 => "\u2212" + Magnitude(-fraction),
        _ => "+" + Magnitude(fraction),
    };

    /// <summary>A size without sign: "6.1%".</summary>
    public static string Magnitude(double fraction) => double.IsFinite(fraction) ? (Math.Abs(fraction) * 100).ToString("0.0", s_invariant) + "%" : "undefined";

    public static string Interval(GateReading gate) =>
        double.IsFinite(gate.Lower) && double.IsFinite(gate.Upper)
            ? $"always-valid interval {Signed(gate.Lower)} to {Signed(gate.Upper)}"
            : "no reading yet";

    public static string Count(long units) => units.ToString("N0", s_invariant);

    public static string Probability(double p) => p.ToString("G2", s_invariant);

    public static string Guardrails(int count) => count == 1 ? "1 guardrail" : $"{count} guardrails";

    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.FromDays(1))
        {
            double hours = span.TotalHours;
            return Math.Abs(hours - 1) < 1e-9 ? "1 hour" : hours.ToString("0.#", s_invariant) + " hours";
        }

        double days = span.TotalDays;
        return Math.Abs(days - 1) < 1e-9 ? "1 day" : days.ToString("0.#", s_invariant) + " days";
    }

    /// <summary>"Guardrail checkout-conversion is down 6.1% (always-valid interval −9.0% to −3.2%), beyond no harm: rolled back at stage 10%."</summary>
    public static string Harm(GuardrailInput input, GateReading gate, string stage)
    {
        string way = gate.Estimate < 0 ? "down" : "up";
        return $"Guardrail {input.MetricKey} is {way} {Magnitude(gate.Estimate)} ({Interval(gate)}), beyond no harm: rolled back at stage {stage}.";
    }
}
