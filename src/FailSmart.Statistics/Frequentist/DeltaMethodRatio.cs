namespace FailSmart.Statistics;

/// <summary>
/// Ratio metrics (sum of M over sum of D, randomised by unit) by the delta method
/// (Deng, Knoblich &amp; Lu 2018, "Applying the Delta Method in Metric Analytics", KDD).
/// Each arm's ratio has variance UnitVariance / n; arms are then compared as two means with Welch dof.
/// </summary>
public static class DeltaMethodRatio
{
    public static RatioComparison Compare(RatioStatistics control, RatioStatistics treatment, double alpha = 0.05)
    {
        Guard.Arm(control.N, nameof(control));
        Guard.Arm(treatment.N, nameof(treatment));
        Guard.Alpha(alpha);
        double rc = control.Ratio;
        double rt = treatment.Ratio;
        double uc = control.UnitVariance;
        double ut = treatment.UnitVariance;
        double dof = TwoArmVariance.WelchDof(uc, control.N, ut, treatment.N);
        double tCrit = Distributions.StudentT.Quantile(1 - (alpha / 2), dof);
        double seAbs = Math.Sqrt((uc / control.N) + (ut / treatment.N));
        double seRel = Math.Sqrt(TwoArmVariance.RelativeVariance(rc, uc, control.N, rt, ut, treatment.N));
        return new RatioComparison(
            rc,
            uc,
            rt,
            ut,
            LiftEstimate.Create(rt - rc, seAbs, dof, alpha, 0, tCrit),
            LiftEstimate.Create((rt / rc) - 1, seRel, dof, alpha, 0, tCrit));
    }
}
