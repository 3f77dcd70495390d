using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Mixture sequential probability ratio test (Robbins 1970; Johari, Koomen, Pekelis &amp; Walsh 2017,
/// "Peeking at A/B tests") in Statsig's form. For an estimate with variance V = SE² and a normal
/// mixing distribution N(0, τ²), the likelihood ratio sqrt(V/(V+τ²))·exp(τ²z²/(2(V+τ²))) crosses the
/// two-sided threshold 2/α exactly when |z| ≥ Z*, with
/// Z*² = ((V+τ²)/τ²)·(ln((V+τ²)/V) − 2 ln(α/2)).
/// The interval is estimate ± Z*·SE and the p-value is the fixed-horizon p of z·z₁₋α/₂/Z*, so p &lt; α
/// exactly when |z| ≥ Z*. Statsig sets τ² = z₁₋α/₂²·(s_c² + s_t²)/N with N = n_c + n_t: the mixture is
/// centred on effects of the size a fixed test of N units could just detect.
/// </summary>
public static class Msprt
{
    public static MsprtResult Apply(double estimate, double standardError, double mixingVariance, double alpha = 0.05)
    {
        Guard.Alpha(alpha);
        Guard.NotNegative(standardError, nameof(standardError));
        Guard.Positive(mixingVariance, nameof(mixingVariance));
        if (double.IsNaN(estimate) || double.IsNaN(standardError))
        {
            return new MsprtResult(double.NaN, new Interval(double.NaN, double.NaN), double.NaN);
        }

        if (standardError == 0)
        {
            return new MsprtResult(double.PositiveInfinity, new Interval(estimate, estimate), estimate == 0 ? 1 : 0);
        }

        double v = standardError * standardError;
        double zStar = Math.Sqrt((v + mixingVariance) / mixingVariance * (Math.Log((v + mixingVariance) / v) - (2 * Math.Log(alpha / 2))));
        double z = estimate / standardError;
        double scaled = z * StandardNormal.UpperQuantile(alpha / 2) / zStar;
        return new MsprtResult(
            zStar,
            new Interval(estimate - (zStar * standardError), estimate + (zStar * standardError)),
            StandardNormal.TwoSidedP(scaled));
    }

    /// <summary>Statsig's mixing variance τ² = z₁₋α/₂²·(s_c² + s_t²)/(n_c + n_t).</summary>
    public static double MixingVariance(double varianceControl, double varianceTreatment, long totalUnits, double alpha = 0.05)
    {
        double z = StandardNormal.UpperQuantile(alpha / 2);
        return z * z * (varianceControl + varianceTreatment) / totalUnits;
    }

    /// <summary>The absolute difference of two means, with τ² from the arms' variances.</summary>
    public static MsprtResult Apply(MeanStatistics control, MeanStatistics treatment, double alpha = 0.05)
    {
        double vc = control.Variance;
        double vt = treatment.Variance;
        double se = Math.Sqrt((vc / control.N) + (vt / treatment.N));
        return Apply(treatment.Mean - control.Mean, se, MixingVariance(vc, vt, control.N + treatment.N, alpha), alpha);
    }

    /// <summary>
    /// Any lift whose arm variances are not at hand (relative lifts, ratios): the per-unit variances are
    /// taken as equal, σ² = SE²/(1/n_c + 1/n_t), which is exact for balanced noise.
    /// </summary>
    public static MsprtResult Apply(LiftEstimate lift, long controlUnits, long treatmentUnits, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(lift);
        double unitVariance = lift.StandardError * lift.StandardError / ((1.0 / controlUnits) + (1.0 / treatmentUnits));
        return Apply(lift.Estimate, lift.StandardError, MixingVariance(unitVariance, unitVariance, controlUnits + treatmentUnits, alpha), alpha);
    }
}
