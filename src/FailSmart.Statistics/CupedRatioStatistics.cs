namespace FailSmart.Statistics;

/// <summary>
/// Sufficient statistics of one arm for CUPED on a ratio metric M/D with a pre-period ratio P/Q as
/// covariate: per-unit sums of M, D, P, Q and all their pairwise products (sums of squares on the
/// diagonal). Randomisation is by unit, as for <see cref="RatioStatistics"/>.
/// </summary>
public sealed record CupedRatioStatistics(
    long N,
    double MSum,
    double DSum,
    double PSum,
    double QSum,
    double MMSum,
    double DDSum,
    double PPSum,
    double QQSum,
    double MDSum,
    double PQSum,
    double MPSum,
    double MQSum,
    double DPSum,
    double DQSum)
{
    public double Ratio => MSum / DSum;

    public double PreRatio => PSum / QSum;

    // xSum·(ySum/n) rather than xSum·ySum/n: the product of two sums overflows long before the data's cross-products do.
    internal double Cov(double xySum, double xSum, double ySum) => (xySum - (xSum * (ySum / N))) / (N - 1);

    /// <summary>Per-unit variance of the linearised post ratio (M − R·D)/μ_D.</summary>
    internal double PostUnitVariance
    {
        get
        {
            (double gm, double gd) = PostGradient;
            return (gm * gm * Cov(MMSum, MSum, MSum)) + (gd * gd * Cov(DDSum, DSum, DSum)) + (2 * gm * gd * Cov(MDSum, MSum, DSum));
        }
    }

    /// <summary>Per-unit variance of the linearised pre-period ratio (P − Rₓ·Q)/μ_Q.</summary>
    internal double PreUnitVariance
    {
        get
        {
            (double gp, double gq) = PreGradient;
            return (gp * gp * Cov(PPSum, PSum, PSum)) + (gq * gq * Cov(QQSum, QSum, QSum)) + (2 * gp * gq * Cov(PQSum, PSum, QSum));
        }
    }

    /// <summary>Per-unit covariance of the two linearised ratios.</summary>
    internal double UnitCovariance
    {
        get
        {
            (double gm, double gd) = PostGradient;
            (double gp, double gq) = PreGradient;
            return (gm * gp * Cov(MPSum, MSum, PSum)) + (gm * gq * Cov(MQSum, MSum, QSum))
                + (gd * gp * Cov(DPSum, DSum, PSum)) + (gd * gq * Cov(DQSum, DSum, QSum));
        }
    }

    private (double M, double D) PostGradient
    {
        get
        {
            double muD = DSum / N;
            return (1 / muD, -(MSum / N) / (muD * muD));
        }
    }

    private (double P, double Q) PreGradient
    {
        get
        {
            double muQ = QSum / N;
            return (1 / muQ, -(PSum / N) / (muQ * muQ));
        }
    }
}
