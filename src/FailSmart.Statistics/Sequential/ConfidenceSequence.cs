namespace FailSmart.Statistics;

/// <summary>
/// Always-valid confidence sequences from the normal-mixture boundary (Robbins 1970; Howard et al.
/// 2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences", eq. for the normal
/// mixture; Waudby-Smith et al. 2023, "Time-uniform central limit theory", eq. 9), as used by Eppo and
/// gbstats. With N = n_c + n_t units and per-unit variance s² = N·SE², the half-width is
/// SE·sqrt(N) · sqrt(2(Nρ² + 1)/(N²ρ²) · ln(sqrt(Nρ² + 1)/α)). ρ is tuned so that the interval is
/// narrowest when N equals the tuning parameter N* (the planned sample size):
/// ρ² = (−2 ln α + ln(−2 ln α + 1)) / N*. Any number of looks keeps coverage ≥ 1 − α.
/// </summary>
public static class ConfidenceSequence
{
    /// <summary>Turns a fixed-horizon estimate into an always-valid one.</summary>
    public static SequentialEstimate Apply(double estimate, double standardError, long totalUnits, double tuningSampleSize, double alpha = 0.05)
    {
        Guard.Alpha(alpha);
        Guard.Positive(tuningSampleSize, nameof(tuningSampleSize));
        if (totalUnits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalUnits), totalUnits, "At least one unit is needed.");
        }

        if (!double.IsFinite(estimate) || !double.IsFinite(standardError))
        {
            // An undefined lift (a relative lift on a zero control mean, or sums beyond double range) stays undefined.
            return new SequentialEstimate(estimate, standardError, new Interval(double.NaN, double.NaN), double.NaN);
        }

        Guard.NotNegative(standardError, nameof(standardError));

        if (standardError == 0)
        {
            return new SequentialEstimate(estimate, 0, new Interval(estimate, estimate), estimate == 0 ? 1 : 0);
        }

        double n = totalUnits;
        double rho2 = Rho2(alpha, tuningSampleSize);
        double nRho2 = n * rho2;
        // SE·sqrt(N)·sqrt(2(Nρ²+1)/(N²ρ²)·…) with the N's cancelled, so nothing but the result can overflow.
        double halfWidth = standardError * Math.Sqrt(2 * (nRho2 + 1) / nRho2 * Math.Log(Math.Sqrt(nRho2 + 1) / alpha));

        // Inverting the same boundary in α (with ρ held at the design value) gives the always-valid p-value.
        // (estimate/SE)² rather than estimate²/SE²·n: the same number without squaring a large estimate.
        double z = estimate / standardError;
        double p = Math.Sqrt(nRho2 + 1) * Math.Exp(-(z * z) * n * rho2 / (2 * (nRho2 + 1)));
        return new SequentialEstimate(estimate, standardError, new Interval(estimate - halfWidth, estimate + halfWidth), Math.Min(1.0, p));
    }

    /// <summary>Applies the sequence to a fixed-horizon lift.</summary>
    public static SequentialEstimate Apply(LiftEstimate lift, long totalUnits, double tuningSampleSize, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(lift);
        return Apply(lift.Estimate, lift.StandardError, totalUnits, tuningSampleSize, alpha);
    }

    /// <summary>
    /// The half-width of the one-sided always-valid bound at level α: with probability at least 1 − α the true
    /// value never crosses estimate − half-width (or, mirrored, estimate + half-width) at any look.
    /// It mixes the likelihood ratio over one direction only (the one-sided normal mixture of Howard et al.
    /// 2021, §3.2): M = 2/√c · exp(u²/2) · Φ(u) with c = Nρ² + 1 and u = ρZ/√c, and solves M = 1/α for u,
    /// so the half-width is u·SE·√(c/(Nρ²)). ρ is tuned as the two-sided sequence is at 2α, which this
    /// boundary approaches as Φ(u) → 1; it is always narrower than the two-sided half-width at α and wider
    /// than the two-sided half-width at 2α.
    /// </summary>
    public static double OneSidedHalfWidth(double standardError, long totalUnits, double tuningSampleSize, double alpha = 0.05) =>
        OneSidedHalfWidth(standardError, totalUnits, tuningSampleSize, alpha, 1);

    /// <summary>
    /// The one-sided half-width where the mixture reaches 1/(α·evidence) rather than 1/α: the bound of a
    /// test that already holds <paramref name="evidence"/> (a product of earlier e-values, at least 1) against
    /// the same null. ρ stays tuned at α.
    /// </summary>
    internal static double OneSidedHalfWidth(double standardError, long totalUnits, double tuningSampleSize, double alpha, double evidence)
    {
        Guard.Alpha(alpha);
        Guard.Positive(tuningSampleSize, nameof(tuningSampleSize));
        if (!(alpha < 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "A one-sided level must lie below 0.5.");
        }

        if (totalUnits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalUnits), totalUnits, "At least one unit is needed.");
        }

        if (!double.IsFinite(standardError))
        {
            return double.NaN;
        }

        Guard.NotNegative(standardError, nameof(standardError));
        double nRho2 = totalUnits * Rho2(2 * alpha, tuningSampleSize);
        double c = nRho2 + 1;
        double level = (0.5 * Math.Log(c)) - Math.Log(2 * alpha) - Math.Log(evidence);
        return standardError * OneSidedCrossing(level) * Math.Sqrt(c / nRho2);
    }

    /// <summary>
    /// ln M⁺ of the one-sided mixture at a standardised estimate z (positive in the tested direction), with
    /// ρ tuned at α as in <see cref="OneSidedHalfWidth(double, long, double, double)"/>: the e-value of this look.
    /// </summary>
    internal static double OneSidedLogEvidence(double z, long totalUnits, double tuningSampleSize, double alpha)
    {
        double nRho2 = totalUnits * Rho2(2 * alpha, tuningSampleSize);
        double c = nRho2 + 1;
        double u = z * Math.Sqrt(nRho2 / c);
        return Math.Log(2) - (0.5 * Math.Log(c)) + (0.5 * u * u) + LogCdf(u);
    }

    /// <summary>ln Φ(u), with the asymptotic tail below −30 where Φ underflows.</summary>
    private static double LogCdf(double u) =>
        u > -30
            ? Math.Log(Distributions.StandardNormal.Cdf(u))
            : (-0.5 * u * u) - Math.Log(-u) - (0.5 * Math.Log(2 * Math.PI)) + Math.Log(1 - (1 / (u * u)));

    /// <summary>
    /// Solves u²/2 + ln Φ(u) = level. The left side is increasing and convex, so Newton's method from the root
    /// of u²/2 = level converges monotonically after its first step.
    /// </summary>
    internal static double OneSidedCrossing(double level)
    {
        double u = Math.Sqrt(2 * Math.Max(level, 0));
        for (int i = 0; i < 100; i++)
        {
            double cdf = Distributions.StandardNormal.Cdf(u);
            double g = (0.5 * u * u) + LogCdf(u) - level;
            double step = g / (u + (Distributions.StandardNormal.Pdf(u) / cdf));
            u -= step;
            if (Math.Abs(step) <= 1e-15 * Math.Max(1, u))
            {
                break;
            }
        }

        return u;
    }

    internal static double Rho2(double alpha, double tuningSampleSize)
    {
        double l = -2 * Math.Log(alpha);
        return (l + Math.Log(l + 1)) / tuningSampleSize;
    }
}
