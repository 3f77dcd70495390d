using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Normal–normal model on the relative lift (as gbstats): the likelihood is N(lift, liftVariance) from
/// the delta method; the prior is optional (none = improper flat prior, so the posterior is the
/// likelihood). Chance to win is P(lift &gt; 0); risk is the expected loss of each decision
/// (Stucchio 2015, "Bayesian A/B Testing at VWO").
/// </summary>
public static class BayesianNormal
{
    public static BayesianResult Analyze(double lift, double liftVariance, NormalPrior? prior = null, double alpha = 0.05)
    {
        Guard.Alpha(alpha);
        if (!double.IsFinite(lift) || !double.IsFinite(liftVariance))
        {
            // Undefined (NaN), or beyond double range upstream: no posterior can be stated.
            return new BayesianResult(double.NaN, double.NaN, new Interval(double.NaN, double.NaN), double.NaN, double.NaN, double.NaN);
        }

        Guard.NotNegative(liftVariance, nameof(liftVariance));

        if (liftVariance == 0)
        {
            // No uncertainty left in the data: the lift is known whatever the prior.
            return new BayesianResult(lift, 0, new Interval(lift, lift), lift > 0 ? 1 : lift < 0 ? 0 : 0.5, Math.Max(lift, 0), Math.Max(-lift, 0));
        }

        double mean = lift;
        double variance = liftVariance;
        if (prior is { } p)
        {
            Guard.Positive(p.Variance, nameof(prior));
            double precision = (1 / p.Variance) + (1 / liftVariance);
            variance = 1 / precision;
            mean = variance * ((p.Mean / p.Variance) + (lift / liftVariance));
        }

        double sd = Math.Sqrt(variance);
        double z = StandardNormal.UpperQuantile(alpha / 2);
        double standardized = mean / sd;
        double density = StandardNormal.Pdf(standardized);
        double riskControl = (mean * StandardNormal.Cdf(standardized)) + (sd * density);
        double riskTreatment = (sd * density) - (mean * StandardNormal.Cdf(-standardized));
        return new BayesianResult(
            mean,
            sd,
            new Interval(mean - (z * sd), mean + (z * sd)),
            StandardNormal.Cdf(standardized),
            riskControl,
            riskTreatment);
    }

    /// <summary>Analyses a frequentist relative lift (its estimate and delta-method standard error).</summary>
    public static BayesianResult Analyze(LiftEstimate relative, NormalPrior? prior = null, double alpha = 0.05) =>
        Analyze(relative.Estimate, relative.StandardError * relative.StandardError, prior, alpha);
}
