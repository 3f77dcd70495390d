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
    /// <summary>
    /// True when the estimate, its standard error and its normal interval are finite numbers. False marks an
    /// estimate that could not be computed (a zero control, or sufficient statistics beyond the range of a
    /// double): read no decision from it. (With no variance at all the statistic is infinite and the t
    /// interval has no degrees of freedom, yet the estimate is exact, so that alone does not mark it.)
    /// </summary>
    public bool IsFinite => double.IsFinite(Estimate) && double.IsFinite(StandardError) && ConfidenceIntervalZ.IsFinite;

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
