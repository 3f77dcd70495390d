using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Mixture sequential probability ratio test (Robbins 1970; Johari, Koomen, Pekelis &amp; Walsh 2017,
/// "Peeking at A/B tests") on an estimate with variance V = SE², mixing over effects N(0, τ²).
/// The likelihood ratio Λ = sqrt(V/(V+τ²))·exp(τ²z²/(2(V+τ²))) crosses 1/α exactly when |z| ≥ Z*, with
/// Z*² = ((V+τ²)/τ²)·(ln((V+τ²)/V) − 2 ln α). The interval is estimate ± Z*·SE and the p-value is the
/// fixed-horizon p of z scaled by z₁₋α/₂ / Z* (Statsig's presentation), so that p &lt; α iff |z| ≥ Z*.
/// τ² defaults to the variance the estimate will have at the planned sample: SE²·N / N*.
/// </summary>
public static class Msprt
{
    public static MsprtResult Apply(double estimate, double standardError, double mixingVariance, double alpha = 0.05)
    {
        Guard.Alpha(alpha);
        Guard.Positive(standardError, nameof(standardError));
        Guard.Positive(mixingVariance, nameof(mixingVariance));
        double v = standardError * standardError;
        double zStar = Math.Sqrt((v + mixingVariance) / mixingVariance * (Math.Log((v + mixingVariance) / v) - (2 * Math.Log(alpha))));
        double z = estimate / standardError;
        double scaled = z * StandardNormal.UpperQuantile(alpha / 2) / zStar;
        return new MsprtResult(
            zStar,
            new Interval(estimate - (zStar * standardError), estimate + (zStar * standardError)),
            StandardNormal.TwoSidedP(scaled));
    }

    /// <summary>Uses τ² = SE²·N/N*, the estimate's variance once the planned sample N* is reached.</summary>
    public static MsprtResult Apply(LiftEstimate lift, long totalUnits, double tuningSampleSize, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(lift);
        Guard.Positive(tuningSampleSize, nameof(tuningSampleSize));
        double tau2 = lift.StandardError * lift.StandardError * totalUnits / tuningSampleSize;
        return Apply(lift.Estimate, lift.StandardError, tau2, alpha);
    }
}
