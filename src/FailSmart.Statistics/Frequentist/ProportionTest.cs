namespace FailSmart.Statistics;

/// <summary>
/// Two proportions. Arm variance is p(1 − p) without the n − 1 correction and the standard error is
/// unpooled: <c>p_z</c>/<c>ci_z</c> are the Wald z (statsmodels <c>test_proportions_2indep(method="wald")</c>),
/// <c>p_t</c>/<c>ci_t</c> use Welch dof as gbstats does. Also reports the pooled z-test.
/// </summary>
public static class ProportionTest
{
    public static ProportionComparison Compare(ProportionStatistics control, ProportionStatistics treatment, double alpha = 0.05)
    {
        Guard.Arm(control.N, nameof(control));
        Guard.Arm(treatment.N, nameof(treatment));
        Guard.Alpha(alpha);
        double pc = control.Rate;
        double pt = treatment.Rate;
        double vc = control.Variance;
        double vt = treatment.Variance;
        double dof = TwoArmVariance.WelchDof(vc, control.N, vt, treatment.N);
        double tCrit = Distributions.StudentT.Quantile(1 - (alpha / 2), dof);
        double seAbs = Math.Sqrt((vc / control.N) + (vt / treatment.N));
        double seRel = Math.Sqrt(TwoArmVariance.RelativeVariance(pc, vc, control.N, pt, vt, treatment.N));

        double pooled = (control.Successes + treatment.Successes) / (control.N + treatment.N);
        double sePooled = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / control.N) + (1.0 / treatment.N)));
        double zPooled = (pt - pc) / sePooled;

        return new ProportionComparison(
            pc,
            pt,
            LiftEstimate.Create(pt - pc, seAbs, dof, alpha, 0, tCrit),
            LiftEstimate.Create((pt / pc) - 1, seRel, dof, alpha, 0, tCrit),
            new PooledZTest(zPooled, Distributions.StandardNormal.TwoSidedP(zPooled)));
    }
}
