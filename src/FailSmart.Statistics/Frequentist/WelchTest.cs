namespace FailSmart.Statistics;

/// <summary>
/// Welch's unequal-variance t-test on two means, from sufficient statistics
/// (Welch 1947; SciPy <c>ttest_ind(equal_var=False)</c>). The relative lift uses the delta-method
/// variance with the same Welch dof computed on the raw arm variances (the gbstats convention).
/// </summary>
public static class WelchTest
{
    public static MeanComparison Compare(MeanStatistics control, MeanStatistics treatment, double alpha = 0.05, double nullValue = 0)
    {
        Guard.Arm(control.N, nameof(control));
        Guard.Arm(treatment.N, nameof(treatment));
        Guard.Alpha(alpha);
        double mc = control.Mean;
        double mt = treatment.Mean;
        double vc = control.Variance;
        double vt = treatment.Variance;
        double dof = TwoArmVariance.WelchDof(vc, control.N, vt, treatment.N);
        double tCrit = Distributions.StudentT.Quantile(1 - (alpha / 2), dof);
        double seAbs = Math.Sqrt((vc / control.N) + (vt / treatment.N));
        double seRel = Math.Sqrt(TwoArmVariance.RelativeVariance(mc, vc, control.N, mt, vt, treatment.N));
        return new MeanComparison(
            mc,
            vc,
            mt,
            vt,
            LiftEstimate.Create(mt - mc, seAbs, dof, alpha, nullValue, tCrit),
            LiftEstimate.Create((mt / mc) - 1, seRel, dof, alpha, nullValue, tCrit));
    }
}
