using MathNet.Numerics;

namespace FailSmart.Statistics;

/// <summary>
/// Sample ratio mismatch check: Pearson χ² of observed units per arm against the planned weights
/// (SciPy <c>chisquare</c>), flagged when p &lt; 0.001 by default (Fabijan et al. 2019, KDD). A flag means
/// the assignment or logging is broken and no other result of the experiment should be trusted.
/// </summary>
public static class SampleRatioMismatch
{
    public const double DefaultThreshold = 0.001;

    public static SampleRatioMismatchResult Check(IReadOnlyList<double> observed, IReadOnlyList<double> weights, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(weights);
        if (observed.Count < 2 || observed.Count != weights.Count)
        {
            throw new ArgumentException("Need at least two arms and one weight per arm.", nameof(weights));
        }

        double total = 0;
        double weightSum = 0;
        for (int i = 0; i < observed.Count; i++)
        {
            total += observed[i];
            weightSum += weights[i];
        }

        double chi2 = 0;
        for (int i = 0; i < observed.Count; i++)
        {
            double expected = total * weights[i] / weightSum;
            double diff = observed[i] - expected;
            chi2 += diff * diff / expected;
        }

        int df = observed.Count - 1;
        double p = SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * chi2);
        return new SampleRatioMismatchResult(chi2, df, p, p < threshold, threshold);
    }

    /// <summary>Checks an equal split.</summary>
    public static SampleRatioMismatchResult Check(IReadOnlyList<double> observed, double threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(observed);
        return Check(observed, [.. Enumerable.Repeat(1.0, observed.Count)], threshold);
    }
}
