namespace FailSmart.Statistics;

/// <summary>
/// CUPED for ratio metrics: both the metric M/D and its pre-period version P/Q are linearised by the
/// delta method (Deng, Knoblich &amp; Lu 2018), and CUPED (Deng et al. 2013) is applied to the linearised
/// values. θ = Σ(n_i − 1)Cov_i / Σ(n_i − 1)Var_i is pooled over both arms; each arm's adjusted variance
/// is Var(y) + θ²Var(x) − 2θCov(x, y); Δ = (R_t − R_c) − θ(Rₓ_t − Rₓ_c). The relative lift Δ/R_c uses the
/// same delta-method form as <see cref="CupedAdjustment"/>, and dof is Welch on the adjusted variances.
/// </summary>
public static class CupedRatioAdjustment
{
    public static CupedComparison Compare(CupedRatioStatistics control, CupedRatioStatistics treatment, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        Guard.Arm(control.N, nameof(control));
        Guard.Arm(treatment.N, nameof(treatment));
        Guard.Alpha(alpha);
        double preVariance = ((control.N - 1) * control.PreUnitVariance) + ((treatment.N - 1) * treatment.PreUnitVariance);
        double covariance = ((control.N - 1) * control.UnitCovariance) + ((treatment.N - 1) * treatment.UnitCovariance);
        double theta = preVariance > 0 ? covariance / preVariance : 0;
        double vc = Adjusted(control, theta);
        double vt = Adjusted(treatment, theta);
        double rc = control.Ratio;
        double diff = treatment.Ratio - rc - (theta * (treatment.PreRatio - control.PreRatio));
        double dof = TwoArmVariance.WelchDof(vc, control.N, vt, treatment.N);
        double tCrit = Distributions.StudentT.Quantile(1 - (alpha / 2), dof);
        double seAbs = Math.Sqrt((vc / control.N) + (vt / treatment.N));

        double k = treatment.Ratio / rc;
        double controlTerm = (k * k * control.PostUnitVariance) + (theta * theta * control.PreUnitVariance) - (2 * k * theta * control.UnitCovariance);
        double varRel = (vt / (treatment.N * rc * rc)) + (controlTerm / (control.N * rc * rc));
        return new CupedComparison(
            theta,
            vc,
            vt,
            LiftEstimate.Create(diff, seAbs, dof, alpha, 0, tCrit),
            LiftEstimate.Create(diff / rc, Math.Sqrt(varRel), dof, alpha, 0, tCrit));
    }

    private static double Adjusted(CupedRatioStatistics arm, double theta) =>
        arm.PostUnitVariance + (theta * theta * arm.PreUnitVariance) - (2 * theta * arm.UnitCovariance);
}
