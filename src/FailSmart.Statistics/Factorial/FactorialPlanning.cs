using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Planning a balanced 2^k launch. With effect coding every term's column is orthogonal and holds ±(½)^order in
/// every unit, so Var(β) = σ²·4^order / N for N units in all: a main effect has variance 4σ²/N and a two-way
/// interaction 16σ²/N, four times as much. To detect an interaction of the same size takes four times the units.
/// N = (z₁₋α/₂ + z_power)²·4^order·σ²/δ², rounded up to whole units per cell.
/// </summary>
public static class FactorialPlanning
{
    public static FactorialPlan Plan(int features, int order, double effect, double standardDeviation, double alpha = 0.05, double power = 0.8)
    {
        if (features is < FactorialAnalysis.MinFeatures or > FactorialAnalysis.MaxFeatures)
        {
            throw new ArgumentOutOfRangeException(nameof(features), features, $"A factorial launch has {FactorialAnalysis.MinFeatures} to {FactorialAnalysis.MaxFeatures} features.");
        }

        if (order < 1 || order > features)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "The order is 1 for a main effect, 2 for a two-way interaction, up to the number of features.");
        }

        Guard.Positive(Math.Abs(effect), nameof(effect));
        Guard.Positive(standardDeviation, nameof(standardDeviation));
        Guard.Alpha(alpha);
        Guard.Probability(power, nameof(power));
        double z = StandardNormal.UpperQuantile(alpha / 2) + StandardNormal.Quantile(power);
        double exact = z * z * TermVarianceFactor(order) * standardDeviation * standardDeviation / (effect * effect);
        int cells = 1 << features;
        long perCell = Math.Max(2, (long)Math.Ceiling(exact / cells));
        long units = perCell * cells;
        return new FactorialPlan(features, order, effect, exact, perCell, units, Power(order, effect, standardDeviation, units, alpha));
    }

    /// <summary>Two-sided power of the z test of one term with <paramref name="units"/> in all, both tails counted.</summary>
    public static double Power(int order, double effect, double standardDeviation, double units, double alpha = 0.05)
    {
        Guard.Alpha(alpha);
        Guard.Positive(standardDeviation, nameof(standardDeviation));
        Guard.Positive(units, nameof(units));
        double crit = StandardNormal.UpperQuantile(alpha / 2);
        double shift = Math.Abs(effect) / (standardDeviation * Math.Sqrt(TermVarianceFactor(order) / units));
        return StandardNormal.Survival(crit - shift) + StandardNormal.Cdf(-crit - shift);
    }

    /// <summary>N·Var(β)/σ² for a term of this order in a balanced design: 4^order.</summary>
    public static double TermVarianceFactor(int order) => Math.Pow(4, order);
}
