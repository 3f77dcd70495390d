using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Non-inferiority for guardrails with a relative margin (Schuirmann 1987; FDA 2016 guidance on
/// non-inferiority trials). When higher is better: H0 lift ≤ −margin against H1 lift &gt; −margin,
/// one-sided at α, with the Welch dof and delta-method relative lift of <see cref="WelchTest"/>.
/// Rejecting H0 is the evidence for "no harm beyond the margin".
/// </summary>
public static class NonInferiority
{
    public static NonInferiorityResult Test(LiftEstimate relative, double marginRelative, double alphaOneSided = 0.05, MetricDirection direction = MetricDirection.HigherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(relative);
        Guard.Alpha(alphaOneSided, nameof(alphaOneSided));
        if (!(marginRelative >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(marginRelative), marginRelative, "The margin must be zero or positive.");
        }

        double est = relative.Estimate;
        double se = relative.StandardError;
        double dof = relative.DegreesOfFreedom;
        double tCrit = StudentT.Quantile(1 - alphaOneSided, dof);
        double zCrit = StandardNormal.UpperQuantile(alphaOneSided);
        bool higher = direction == MetricDirection.HigherIsBetter;

        // Distance from the harm boundary, signed so that positive is evidence of no harm.
        double stat = higher ? (est + marginRelative) / se : (marginRelative - est) / se;
        double pT = StudentT.Survival(stat, dof);
        double pZ = StandardNormal.Survival(stat);
        double boundT = higher ? est - (tCrit * se) : est + (tCrit * se);
        double boundZ = higher ? est - (zCrit * se) : est + (zCrit * se);
        bool okT = higher ? boundT > -marginRelative : boundT < marginRelative;
        bool okZ = higher ? boundZ > -marginRelative : boundZ < marginRelative;
        return new NonInferiorityResult(est, se, stat, pT, pZ, boundT, boundZ, okT, okZ, marginRelative, direction);
    }

    /// <summary>Runs Welch's test on the arms and tests its relative lift.</summary>
    public static NonInferiorityResult Test(MeanStatistics control, MeanStatistics treatment, double marginRelative, double alphaOneSided = 0.05, MetricDirection direction = MetricDirection.HigherIsBetter) =>
        Test(WelchTest.Compare(control, treatment, 2 * alphaOneSided).Relative, marginRelative, alphaOneSided, direction);
}
