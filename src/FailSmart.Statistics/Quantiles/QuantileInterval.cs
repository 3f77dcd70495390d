using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics;

/// <summary>
/// Quantile metrics (median, p90 …) after Deng, Knoblich &amp; Lu (2018, KDD, "Applying the Delta Method
/// in Metric Analytics", §4.3). The number of units below the true quantile is Binomial(n, p), so the
/// ranks n·p ± z·sqrt(n·p(1 − p)) bracket it; the order statistics at those ranks form the interval, and
/// its half-width over z gives a standard error that can be combined across arms like any other.
/// Quantiles need the unit values (or a fine histogram), not sums: pass each arm's values.
/// The point estimate is NumPy's default (linear interpolation, Hyndman–Fan type 7).
/// </summary>
public static class QuantileInterval
{
    public static QuantileEstimate Estimate(IReadOnlyList<double> values, double probability, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(values);
        Guard.Probability(probability, nameof(probability));
        Guard.Alpha(alpha);
        if (values.Count < 2)
        {
            throw new ArgumentException("At least two values are needed.", nameof(values));
        }

        double[] sorted = [.. values];
        Array.Sort(sorted);
        int n = sorted.Length;
        double z = StandardNormal.UpperQuantile(alpha / 2);
        double centre = n * probability;
        double spread = z * Math.Sqrt(n * probability * (1 - probability));
        int lowerRank = Math.Clamp((int)Math.Floor(centre - spread), 1, n);
        int upperRank = Math.Clamp((int)Math.Ceiling(centre + spread), 1, n);
        double lower = sorted[lowerRank - 1];
        double upper = sorted[upperRank - 1];
        return new QuantileEstimate(probability, TypeSeven(sorted, probability), new Interval(lower, upper), (upper - lower) / (2 * z), n);
    }

    /// <summary>Treatment minus control quantile, and the relative change, with normal intervals.</summary>
    public static Comparison Compare(IReadOnlyList<double> control, IReadOnlyList<double> treatment, double probability, double alpha = 0.05) =>
        Compare(Estimate(control, probability, alpha), Estimate(treatment, probability, alpha), alpha);

    /// <summary>
    /// The same comparison from each arm's estimate and standard error, as an event store returns them
    /// (the store computes the order-statistic interval in SQL; no values reach .NET). The arms are
    /// independent: the difference's standard error is √(se_c² + se_t²), the relative change's comes
    /// from the delta method.
    /// </summary>
    public static Comparison Compare(QuantileEstimate control, QuantileEstimate treatment, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        Guard.Alpha(alpha);
        Guard.NotNegative(control.StandardError, nameof(control));
        Guard.NotNegative(treatment.StandardError, nameof(treatment));
        if (control.Quantile == 0)
        {
            throw new ArgumentException("The control's quantile is 0, so a relative change is undefined.", nameof(control));
        }

        QuantileEstimate c = control;
        QuantileEstimate t = treatment;
        double seAbs = Math.Sqrt((c.StandardError * c.StandardError) + (t.StandardError * t.StandardError));
        double qc2 = c.Quantile * c.Quantile;
        double varRel = (t.StandardError * t.StandardError / qc2) + (t.Quantile * t.Quantile * c.StandardError * c.StandardError / (qc2 * qc2));
        double dof = double.PositiveInfinity;
        return new Comparison(
            LiftEstimate.Create(t.Quantile - c.Quantile, seAbs, dof, alpha),
            LiftEstimate.Create((t.Quantile / c.Quantile) - 1, Math.Sqrt(varRel), dof, alpha));
    }

    private static double TypeSeven(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
