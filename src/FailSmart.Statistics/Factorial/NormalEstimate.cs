namespace FailSmart.Statistics;

/// <summary>
/// An estimate read against the normal reference: statistic Estimate / StandardError, two-sided p-value and
/// interval at the level it was computed for. Used where the standard error is a large-sample (sandwich or
/// stratified) one, so no Student t degrees of freedom apply.
/// </summary>
public sealed record NormalEstimate(double Estimate, double StandardError, double Statistic, double PValue, Interval ConfidenceInterval)
{
    internal static NormalEstimate Create(double estimate, double standardError, double alpha)
    {
        double z = Distributions.StandardNormal.UpperQuantile(alpha / 2);
        double statistic = estimate / standardError;
        return new NormalEstimate(
            estimate,
            standardError,
            statistic,
            Distributions.StandardNormal.TwoSidedP(statistic),
            new Interval(estimate - (z * standardError), estimate + (z * standardError)));
    }
}
