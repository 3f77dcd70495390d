using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace FailSmart.Statistics.Factorial;

/// <summary>
/// Ordinary least squares with HC1 robust covariance, computed from per-cell sufficient statistics. All units of a
/// cell share one design row x_c, so X′X = Σ n_c x_c x_c′, X′y = Σ (Σy)_c x_c, and the sandwich's meat
/// Σ e_i² x_i x_i′ = Σ_c RSS_c x_c x_c′ with RSS_c = Σ(y − ŷ_c)² = (Σy² − Σy·ȳ_c) + n_c(ȳ_c − ŷ_c)²: the cell's
/// within sum of squares plus its lack of fit. HC1 scales the sandwich by N / (N − p) (MacKinnon &amp; White 1985).
/// </summary>
internal sealed class SufficientLeastSquares
{
    private SufficientLeastSquares(Vector<double> coefficients, Matrix<double> covariance, Vector<double> fitted, long units)
    {
        Coefficients = coefficients;
        Covariance = covariance;
        Fitted = fitted;
        Units = units;
    }

    public Vector<double> Coefficients { get; }

    public Matrix<double> Covariance { get; }

    /// <summary>The model's mean per cell.</summary>
    public Vector<double> Fitted { get; }

    public long Units { get; }

    public static SufficientLeastSquares Fit(IReadOnlyList<MeanStatistics> cells, int[] terms)
    {
        int p = terms.Length;
        Matrix<double> design = Matrix<double>.Build.Dense(cells.Count, p, (c, j) => EffectCoding.Code(terms[j], c));
        Vector<double> counts = Vector<double>.Build.Dense(cells.Count, c => cells[c].N);
        Vector<double> sums = Vector<double>.Build.Dense(cells.Count, c => cells[c].Sum);
        long units = cells.Sum(c => c.N);

        // X′X = X_cells′ diag(n) X_cells: the rows of a cell are all alike.
        Matrix<double> xtx = design.TransposeThisAndMultiply(Matrix<double>.Build.DiagonalOfDiagonalVector(counts) * design);
        Vector<double> xty = design.TransposeThisAndMultiply(sums);

        // Cells are all present and all codes ±½ products, so X′X is positive definite: Cholesky is exact and stable.
        var factor = xtx.Cholesky();
        Vector<double> beta = factor.Solve(xty);
        Vector<double> fitted = design * beta;
        Vector<double> rss = Vector<double>.Build.Dense(cells.Count, c =>
        {
            MeanStatistics cell = cells[c];
            double within = cell.SumOfSquares - (cell.Sum * cell.Mean);
            double lackOfFit = cell.Mean - fitted[c];
            return Math.Max(within, 0) + (cell.N * lackOfFit * lackOfFit);
        });
        Matrix<double> meat = design.TransposeThisAndMultiply(Matrix<double>.Build.DiagonalOfDiagonalVector(rss) * design);

        Matrix<double> bread = factor.Solve(Matrix<double>.Build.DenseIdentity(p));
        Matrix<double> covariance = bread * meat * bread * ((double)units / (units - p));
        return new SufficientLeastSquares(beta, covariance, fitted, units);
    }

    /// <summary>The linear combination c′β with its robust standard error √(c′Vc).</summary>
    public (double Estimate, double StandardError) Combination(Vector<double> weights) =>
        (weights * Coefficients, Math.Sqrt(weights * Covariance * weights));

    /// <summary>Wald χ² that the coefficients at <paramref name="indices"/> are all zero.</summary>
    public WaldTest Wald(IReadOnlyList<int> indices)
    {
        int q = indices.Count;
        if (q == 0)
        {
            return new WaldTest(0, 0, 1);
        }

        Vector<double> b = Vector<double>.Build.Dense(q, i => Coefficients[indices[i]]);
        Matrix<double> v = Matrix<double>.Build.Dense(q, q, (i, j) => Covariance[indices[i], indices[j]]);
        double w = b * v.Solve(b);
        return new WaldTest(w, q, SpecialFunctions.GammaUpperRegularized(0.5 * q, 0.5 * w));
    }
}
