using MathNet.Numerics;

namespace FailSmart.Statistics.Distributions;

/// <summary>
/// The standard normal distribution, with tails computed through erfc so that small
/// p-values keep their relative precision (1 - CDF would lose it).
/// </summary>
internal static class StandardNormal
{
    private const double InvSqrt2 = 0.70710678118654752440;
    private const double InvSqrt2Pi = 0.39894228040143267794;

    public static double Pdf(double x) => InvSqrt2Pi * Math.Exp(-0.5 * x * x);

    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x * InvSqrt2);

    /// <summary>Upper tail P(Z &gt; x).</summary>
    public static double Survival(double x) => 0.5 * SpecialFunctions.Erfc(x * InvSqrt2);

    /// <summary>Two-sided p-value for a z statistic.</summary>
    public static double TwoSidedP(double z) => SpecialFunctions.Erfc(Math.Abs(z) * InvSqrt2);

    public static double Quantile(double p)
    {
        if (p <= 0)
        {
            return double.NegativeInfinity;
        }

        if (p >= 1)
        {
            return double.PositiveInfinity;
        }

        return -Constants.Sqrt2 * SpecialFunctions.ErfcInv(2 * p);
    }

    /// <summary>Quantile of the upper tail: the x with P(Z &gt; x) = q, precise for tiny q.</summary>
    public static double UpperQuantile(double q) => Constants.Sqrt2 * SpecialFunctions.ErfcInv(2 * q);
}
