namespace FailSmart.Statistics;

/// <summary>
/// One effect estimate with both inference conventions: Welch t (p and interval with
/// Welch–Satterthwaite degrees of freedom) and the normal approximation z.
/// </summary>
public sealed record LiftEstimate(
    double Estimate,
    double StandardError,
    double DegreesOfFreedom,
    double Statistic,
    double PValueT,
    Interval ConfidenceIntervalT,
    double PValueZ,
    Interval ConfidenceIntervalZ)
{
    internal static LiftEstimate Create(double estimate, double standardError, double dof, double alpha, double nullValue = 0) =>
        Create(estimate, standardError, dof, alpha, nullValue, Distributions.StudentT.Quantile(1 - (alpha / 2), dof));

    /// <summary>Builds the estimate with a precomputed t critical value (shared by the absolute and relative lifts).</summary>
    internal static LiftEstimate Create(double estimate, double standardError, double dof, double alpha, double nullValue, double tCrit)
    {
        double stat = (estimate - nullValue) / standardError;
        double zCrit = Distributions.StandardNormal.UpperQuantile(alpha / 2);
        return new LiftEstimate(
            estimate,
            standardError,
            dof,
            stat,
            Distributions.StudentT.TwoSidedP(stat, dof),
            new Interval(estimate - (tCrit * standardError), estimate + (tCrit * standardError)),
            Distributions.StandardNormal.TwoSidedP(stat),
            new Interval(estimate - (zCrit * standardError), estimate + (zCrit * standardError)));
    }
}
