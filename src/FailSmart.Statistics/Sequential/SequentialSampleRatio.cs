using MathNet.Numerics;

namespace FailSmart.Statistics;

/// <summary>
/// An always-valid sample-ratio check for counts that are looked at again and again (Lindon &amp; Malek
/// 2022, "Anytime-valid inference for multinomial count data", NeurIPS). Against the null of the planned
/// shares θ₀ it weighs a Dirichlet(kθ₀) alternative; the Bayes factor
/// BF = Γ(k)/Γ(k + n) · Π Γ(kθ₀ᵢ + xᵢ)/Γ(kθ₀ᵢ) / Π θ₀ᵢ^xᵢ is a test martingale under the null, so
/// rejecting when it reaches 1/α keeps the chance of ever rejecting a correct split at or below α however
/// often it is read (Ville's inequality). A fixed-horizon χ² read every hour would fire far more often.
/// Computed in log space, so millions of units do not overflow.
/// </summary>
public static class SequentialSampleRatio
{
    /// <summary>The default α: one false alarm in a thousand correctly assigned rollouts, as for the fixed check.</summary>
    public const double DefaultAlpha = 0.001;

    /// <summary>The prior's concentration k (as in Lindon's <c>savvi</c> package): larger detects small skews sooner, large ones later.</summary>
    public const double DefaultConcentration = 100;

    /// <param name="counts">Units seen in each arm so far.</param>
    /// <param name="shares">Each arm's planned share (normalised here); an arm planned at zero takes no part unless units reached it, which is a mismatch outright.</param>
    /// <param name="alpha">The level: reject when the Bayes factor reaches 1/α.</param>
    /// <param name="concentration">The Dirichlet prior's concentration k.</param>
    public static SequentialSampleRatioResult Test(IReadOnlyList<long> counts, IReadOnlyList<double> shares, double alpha = DefaultAlpha, double concentration = DefaultConcentration)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(shares);
        Guard.Alpha(alpha);
        Guard.Positive(concentration, nameof(concentration));
        if (counts.Count < 2 || counts.Count != shares.Count)
        {
            throw new ArgumentException("Need at least two arms and one share per arm.", nameof(shares));
        }

        double shareSum = 0;
        for (int i = 0; i < shares.Count; i++)
        {
            if (!(shares[i] >= 0) || double.IsInfinity(shares[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(shares), shares[i], "Every share must be zero or positive and finite.");
            }

            if (counts[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(counts), counts[i], "Counts cannot be negative.");
            }

            shareSum += shares[i];
        }

        if (!(shareSum > 0))
        {
            throw new ArgumentException("At least one share must be positive.", nameof(shares));
        }

        double threshold = -Math.Log(alpha);
        double logBf = SpecialFunctions.GammaLn(concentration);
        double n = 0;
        for (int i = 0; i < counts.Count; i++)
        {
            double theta = shares[i] / shareSum;
            double x = counts[i];
            if (theta == 0)
            {
                if (x > 0)
                {
                    // Units where the plan sends none: impossible under the null, so the evidence is unbounded.
                    return new SequentialSampleRatioResult(double.PositiveInfinity, 0, true, alpha);
                }

                continue;
            }

            double a = concentration * theta;
            logBf += SpecialFunctions.GammaLn(a + x) - SpecialFunctions.GammaLn(a) - (x * Math.Log(theta));
            n += x;
        }

        logBf -= SpecialFunctions.GammaLn(concentration + n);
        double p = Math.Min(1, Math.Exp(-logBf));
        return new SequentialSampleRatioResult(logBf, p, logBf >= threshold, alpha);
    }
}
