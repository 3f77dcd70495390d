using System.Globalization;
using FailSmart.Protocol.Results;

namespace FailSmart.Web.Experiments.Representativeness;

/// <summary>How the representativeness section words its numbers.</summary>
public static class RepresentativenessText
{
    public static string Share(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string WithSign(double value) => value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);

    public static string Effect(EffectEstimateResponse effect) => $"{WithSign(effect.Estimate)} ({WithSign(effect.Lower)} to {WithSign(effect.Upper)})";

    /// <summary>A p-value as people read it: below 0.0001 it is "&lt; 0.0001", not 0.</summary>
    public static string PValue(double p) => p < 0.0001 ? "< 0.0001" : p.ToString("0.####", CultureInfo.InvariantCulture);

    public static string Units(double units) => units.ToString("N0", CultureInfo.InvariantCulture);
}
