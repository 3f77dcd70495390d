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

    internal static double Rho2(double alpha, double tuningSampleSize)
    {
        double l = -2 * Math.Log(alpha);
        return (l + Math.Log(l + 1)) / tuningSampleSize;
    }
}
