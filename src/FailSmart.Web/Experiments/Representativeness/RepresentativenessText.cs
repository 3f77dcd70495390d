using System.Globalization;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;

namespace FailSmart.Web.Experiments.Representativeness;

/// <summary>How the representativeness section words its numbers; effects and p-values as the rest of the results page writes them.</summary>
public static class RepresentativenessText
{
    public static string Share(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string WithSign(double value) => value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);

    /// <summary>An effect with its interval, in percentage points for a conversion and in the metric's unit otherwise (<see cref="ResultNumbers"/>).</summary>
    public static string Effect(EffectEstimateResponse effect, string? metricType) => ResultNumbers.AbsoluteWithInterval(effect, metricType);

    public static string Units(double units) => units.ToString("N0", CultureInfo.InvariantCulture);
}
