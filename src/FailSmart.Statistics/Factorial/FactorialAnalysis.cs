using FailSmart.Statistics.Factorial;
using MathNet.Numerics.LinearAlgebra;

namespace FailSmart.Statistics;

/// <summary>
/// A launch of 2 to 5 features, each randomised independently over the same units, read from per-cell sufficient
/// statistics: cell c (0 … 2^k − 1) holds the units with feature j on exactly when bit j of c is set. Least squares
/// with effect coding (±½) and HC1 robust errors, as statsmodels <c>OLS(...).fit(cov_type="HC1")</c> computes it on
/// the units' rows; inference uses the normal reference, as statsmodels does for a robust covariance.
/// See docs/statistics.md, "Factorial launches".
/// </summary>
public static class FactorialAnalysis
{
    public const int MinFeatures = 2;
    public const int MaxFeatures = 5;

    /// <summary>A mean metric: each cell's count, Σy and Σy².</summary>
    public static FactorialResult Analyze(
        IReadOnlyList<MeanStatistics> cells,
        IReadOnlyList<string> features,
        double alpha = 0.05,
        FactorialModel model = FactorialModel.Saturated)
    {
        ArgumentNullException.ThrowIfNull(cells);
        int k = CheckFeatures(features, cells.Count);
        Guard.Alpha(alpha);
        if (!Enum.IsDefined(model))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model, "Choose Saturated or TwoWay.");
        }

        for (int c = 0; c < cells.Count; c++)
        {
            Guard.Arm(cells[c].N, $"{nameof(cells)}[{c}]");
            if (!double.IsFinite(cells[c].Sum) || !double.IsFinite(cells[c].SumOfSquares) || cells[c].SumOfSquares < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cells[c], $"Cell {c} needs a finite sum and a finite, non-negative sum of squares.");
            }
        }

        int[] terms = EffectCoding.Terms(k, model);
        SufficientLeastSquares fit = SufficientLeastSquares.Fit(cells, terms);
        FactorialTerm[] all = [.. terms.Select((mask, j) => Term(mask, j, features, fit, alpha))];
        int[] interactionIndices = [.. Enumerable.Range(0, terms.Length).Where(j => all[j].Order >= 2)];

        // All on minus all off: a term's code differs between the two only when it multiplies an odd number of features.
        int allOn = cells.Count - 1;
        Vector<double> contrast = Vector<double>.Build.Dense(terms.Length, j => EffectCoding.Code(terms[j], allOn) - EffectCoding.Code(terms[j], 0));
        (double bundle, double bundleSe) = fit.Combination(contrast);

        return new FactorialResult(
            [.. features],
            model,
            alpha,
            all[0].Effect,
            [.. all.Where(t => t.Order == 1)],
            [.. all.Where(t => t.Order >= 2)],
            fit.Wald(interactionIndices),
            NormalEstimate.Create(bundle, bundleSe, alpha),
            [.. fit.Fitted],
            fit.Units);
    }

    /// <summary>A conversion metric: a proportion is the mean of 0/1, so Σy = Σy² = conversions.</summary>
    public static FactorialResult Analyze(
        IReadOnlyList<ProportionStatistics> cells,
        IReadOnlyList<string> features,
        double alpha = 0.05,
        FactorialModel model = FactorialModel.Saturated)
    {
        ArgumentNullException.ThrowIfNull(cells);
        for (int c = 0; c < cells.Count; c++)
        {
            if (!(cells[c].Successes >= 0 && cells[c].Successes <= cells[c].N))
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cells[c], $"Cell {c} needs conversions between 0 and its units.");
            }
        }

        return Analyze([.. cells.Select(c => new MeanStatistics(c.N, c.Successes, c.Successes))], features, alpha, model);
    }

    /// <summary>
    /// A ratio metric ΣM/ΣD randomised by unit, through the delta method: each unit is linearised around its cell's
    /// ratio R_c as z = R_c + (M − R_c·D)/μ_D, whose cell mean is R_c and whose cell variance is the ratio's per-unit
    /// variance (<see cref="RatioStatistics.UnitVariance"/>). The model is then fitted to z, so effects are differences
    /// of ratios.
    /// </summary>
    public static FactorialResult Analyze(
        IReadOnlyList<RatioStatistics> cells,
        IReadOnlyList<string> features,
        double alpha = 0.05,
        FactorialModel model = FactorialModel.Saturated)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var linearised = new MeanStatistics[cells.Count];
        for (int c = 0; c < cells.Count; c++)
        {
            RatioStatistics cell = cells[c];
            Guard.Arm(cell.N, $"{nameof(cells)}[{c}]");
            if (!(cell.DenominatorSum > 0) || double.IsInfinity(cell.DenominatorSum))
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cell, $"Cell {c} needs a positive, finite denominator sum.");
            }

            double r = cell.Ratio;
            linearised[c] = new MeanStatistics(cell.N, cell.N * r, ((cell.N - 1) * cell.UnitVariance) + (cell.N * r * r));
        }

        return Analyze(linearised, features, alpha, model);
    }

    private static int CheckFeatures(IReadOnlyList<string> features, int cellCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count is < MinFeatures or > MaxFeatures)
        {
            throw new ArgumentOutOfRangeException(nameof(features), features.Count, $"A factorial launch has {MinFeatures} to {MaxFeatures} features.");
        }

        if (features.Any(string.IsNullOrWhiteSpace) || features.Distinct(StringComparer.Ordinal).Count() != features.Count)
        {
            throw new ArgumentException("Every feature needs a distinct, non-empty name.", nameof(features));
        }

        if (cellCount != 1 << features.Count)
        {
            throw new ArgumentException(
                $"{features.Count} features need {1 << features.Count} cells, one per on/off combination indexed by its bitmask; got {cellCount}.",
                nameof(features));
        }

        return features.Count;
    }

    private static FactorialTerm Term(int mask, int index, IReadOnlyList<string> features, SufficientLeastSquares fit, double alpha)
    {
        string[] names = [.. Enumerable.Range(0, features.Count).Where(j => (mask & (1 << j)) != 0).Select(j => features[j])];
        return new FactorialTerm(
            names.Length == 0 ? "(intercept)" : string.Join(" × ", names),
            names,
            mask,
            NormalEstimate.Create(fit.Coefficients[index], Math.Sqrt(fit.Covariance[index, index]), alpha));
    }
}
