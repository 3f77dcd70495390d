using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Power, sample size and minimum detectable effect for two-sided tests at equal allocation,
/// with the normal approximation (Chow, Shao &amp; Wang, "Sample Size Calculations in Clinical Research").
/// </summary>
public static class PowerAnalysis
{
    /// <summary>n per group = (z₁₋α/₂ + z_power)² · 2σ² / δ², δ = mean · relative MDE.</summary>
    public static MeanPowerResult ForMeans(double alpha, double power, double mean, double standardDeviation, double relativeMde)
    {
        Guard.Alpha(alpha);
        Guard.Probability(power, nameof(power));
        Guard.Positive(standardDeviation, nameof(standardDeviation));
        double delta = Math.Abs(mean * relativeMde);
        Guard.Positive(delta, nameof(relativeMde));
        double exact = SamplePerGroup(alpha, power, standardDeviation * standardDeviation, delta);
        long n = (long)Math.Ceiling(exact);
        return new MeanPowerResult(
            exact,
            n,
            MinimumDetectableEffect(alpha, power, standardDeviation * standardDeviation, n),
            Power(alpha, delta / standardDeviation, n));
    }

    /// <summary>Fractional n per group to detect an absolute difference <paramref name="delta"/> when each unit has variance <paramref name="variance"/>.</summary>
    public static double SamplePerGroup(double alpha, double power, double variance, double delta)
    {
        double z = StandardNormal.UpperQuantile(alpha / 2) + StandardNormal.Quantile(power);
        return z * z * 2 * variance / (delta * delta);
    }

    /// <summary>The smallest absolute difference detectable with <paramref name="nPerGroup"/> units per group.</summary>
    public static double MinimumDetectableEffect(double alpha, double power, double variance, double nPerGroup)
    {
        double z = StandardNormal.UpperQuantile(alpha / 2) + StandardNormal.Quantile(power);
        return z * Math.Sqrt(variance * 2 / nPerGroup);
    }

    /// <summary>
    /// Absolute MDE for a conversion rate with <paramref name="nPerGroup"/> units per group, taking the
    /// Bernoulli variance at the baseline rate for both arms (exact for small effects).
    /// </summary>
    public static double MinimumDetectableEffectForProportion(double alpha, double power, double baselineRate, double nPerGroup)
    {
        Guard.Probability(baselineRate, nameof(baselineRate));
        return MinimumDetectableEffect(alpha, power, baselineRate * (1 - baselineRate), nPerGroup);
    }

    /// <summary>Two-sided power for a standardised effect (δ/σ) with n per group, counting both rejection tails (statsmodels <c>NormalIndPower</c>).</summary>
    public static double Power(double alpha, double standardizedEffect, double nPerGroup)
    {
        double crit = StandardNormal.UpperQuantile(alpha / 2);
        double shift = Math.Abs(standardizedEffect) * Math.Sqrt(nPerGroup / 2);
        return StandardNormal.Survival(crit - shift) + StandardNormal.Cdf(-crit - shift);
    }

    /// <summary>Sample size per group to tell <paramref name="p1"/> from <paramref name="p2"/>.</summary>
    public static ProportionSampleSizes ForProportions(double alpha, double power, double p1, double p2)
    {
        Guard.Alpha(alpha);
        Guard.Probability(power, nameof(power));
        Guard.Probability(p1, nameof(p1));
        Guard.Probability(p2, nameof(p2));
        double za = StandardNormal.UpperQuantile(alpha / 2);
        double zb = StandardNormal.Quantile(power);
        double delta = Math.Abs(p1 - p2);
        Guard.Positive(delta, nameof(p2));
        double spread = (p1 * (1 - p1)) + (p2 * (1 - p2));
        double unpooled = (za + zb) * (za + zb) * spread / (delta * delta);
        double pbar = (p1 + p2) / 2;
        double root = ((za * Math.Sqrt(2 * pbar * (1 - pbar))) + (zb * Math.Sqrt(spread))) / delta;
        double h = Math.Abs((2 * Math.Asin(Math.Sqrt(p1))) - (2 * Math.Asin(Math.Sqrt(p2))));
        return new ProportionSampleSizes(unpooled, root * root, SolveForSample(alpha, power, h));
    }

    /// <summary>Solves <see cref="Power"/>(n) = power exactly (both tails), starting from the one-tail closed form.</summary>
    public static double SolveForSample(double alpha, double power, double standardizedEffect)
    {
        double za = StandardNormal.UpperQuantile(alpha / 2);
        double zb = StandardNormal.Quantile(power);
        double lo = 0;
        double hi = 2 * Math.Pow((za + zb) / standardizedEffect, 2);

        // The other tail only adds power, so the one-tail n is an upper bound; bisect to the last bit.
        for (int i = 0; i < 400 && hi - lo > 1e-15 * hi; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Power(alpha, standardizedEffect, mid) >= power)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return 0.5 * (lo + hi);
    }
}
