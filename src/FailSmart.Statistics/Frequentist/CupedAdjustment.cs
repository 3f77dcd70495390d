namespace FailSmart.Statistics;

/// <summary>
/// CUPED variance reduction (Deng, Xu, Kohavi &amp; Walker 2013, WSDM). θ = Cov(X, Y) / Var(X) is pooled
/// over both arms so that it does not depend on the treatment. Each arm's adjusted variance is
/// Var(Y) + θ²Var(X) − 2θCov(X, Y). The relative lift divides the adjusted difference by the
/// unadjusted control mean, with the gbstats delta-method variance; dof is Welch on the adjusted variances.
/// </summary>
public static class CupedAdjustment
{
    /// <summary>θ pooled over both arms, with n − 1 denominators.</summary>
    public static double PooledTheta(CupedStatistics control, CupedStatistics treatment)
    {
        long n = control.N + treatment.N;
        double sx = control.XSum + treatment.XSum;
        double sy = control.YSum + treatment.YSum;
        double varX = (control.XSumOfSquares + treatment.XSumOfSquares - (sx * (sx / n))) / (n - 1);
        double covXY = (control.XYSum + treatment.XYSum - (sx * (sy / n))) / (n - 1);
        return varX > 0 ? covXY / varX : 0;
    }

    public static CupedComparison Compare(CupedStatistics control, CupedStatistics treatment, double alpha = 0.05)
    {
        Guard.Arm(control.N, nameof(control));
        Guard.Arm(treatment.N, nameof(treatment));
        Guard.Alpha(alpha);
        double theta = PooledTheta(control, treatment);
        double vc = AdjustedVariance(control, theta);
        double vt = AdjustedVariance(treatment, theta);
        double ycMean = control.YMean;
        double ytMean = treatment.YMean;
        double diff = ytMean - ycMean - (theta * (treatment.XMean - control.XMean));
        double dof = TwoArmVariance.WelchDof(vc, control.N, vt, treatment.N);
        double tCrit = Distributions.StudentT.Quantile(1 - (alpha / 2), dof);
        double seAbs = Math.Sqrt((vc / control.N) + (vt / treatment.N));

        // Delta method for diff / ȳc: the control term carries ȳt/ȳc on Y and θ on X.
        // Each term over ȳc² taken as a square of a ratio to ȳc, so that no power of a large mean overflows.
        double k = ytMean / ycMean;
        double sy = Math.Sqrt(control.YVariance) / ycMean;
        double sx = Math.Sqrt(control.XVariance) / ycMean;
        double controlTerm = (k * k * sy * sy) + (theta * theta * sx * sx) - (2 * k * theta * (control.Covariance / ycMean / ycMean));
        double st = Math.Sqrt(vt) / ycMean;
        double varRel = (st * st / treatment.N) + (controlTerm / control.N);

        return new CupedComparison(
            theta,
            vc,
            vt,
            LiftEstimate.Create(diff, seAbs, dof, alpha, 0, tCrit),
            LiftEstimate.Create(diff / ycMean, Math.Sqrt(varRel), dof, alpha, 0, tCrit));
    }

    internal static double AdjustedVariance(CupedStatistics arm, double theta) =>
        arm.YVariance + (theta * theta * arm.XVariance) - (2 * theta * arm.Covariance);
}
