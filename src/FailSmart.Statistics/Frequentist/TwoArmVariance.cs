namespace FailSmart.Statistics;

/// <summary>Shared arithmetic for two independent arms: Welch standard error, dof and the delta-method relative lift.</summary>
internal static class TwoArmVariance
{
    /// <summary>Welch–Satterthwaite degrees of freedom from per-arm variances and counts.</summary>
    public static double WelchDof(double varianceC, long nC, double varianceT, long nT)
    {
        // Scaled by the larger term: the same ratio, and squares of variances near 1e308 do not overflow.
        double scale = Math.Max(varianceC / nC, varianceT / nT);
        double a = varianceC / nC / scale;
        double b = varianceT / nT / scale;
        double num = (a + b) * (a + b);
        double den = (a * a / (nC - 1)) + (b * b / (nT - 1));
        return num / den;
    }

    /// <summary>
    /// Variance of treatment/control − 1 by the delta method on two independent means
    /// (gbstats): Var(T)/(n_t μc²) + Var(C)·μt²/(n_c μc⁴).
    /// </summary>
    public static double RelativeVariance(double meanC, double varianceC, long nC, double meanT, double varianceT, long nT)
    {
        // As squares of ratios (σ/μc), so that no power of a large mean overflows.
        double t = Math.Sqrt(varianceT) / meanC;
        double c = Math.Sqrt(varianceC) / meanC;
        double k = meanT / meanC;
        return (t * t / nT) + (c * c * k * k / nC);
    }
}
