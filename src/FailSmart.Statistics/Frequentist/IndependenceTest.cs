using MathNet.Numerics;

namespace FailSmart.Statistics;

/// <summary>
/// Pearson χ² test of independence on an r × c contingency table (SciPy <c>chi2_contingency</c> with
/// <c>correction=False</c>). Rows and columns that are all zero are dropped first; a table left with
/// fewer than two rows or columns has nothing to test and gets p = 1.
/// </summary>
public static class IndependenceTest
{
    public static IndependenceResult Test(IReadOnlyList<IReadOnlyList<double>> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int columns = table.Count == 0 ? 0 : table[0].Count;
        if (table.Any(row => row is null || row.Count != columns || row.Any(v => !(v >= 0) || double.IsInfinity(v))))
        {
            throw new ArgumentException("Every row needs the same number of non-negative, finite counts.", nameof(table));
        }

        int[] rows = [.. Enumerable.Range(0, table.Count).Where(r => table[r].Sum() > 0)];
        int[] cols = [.. Enumerable.Range(0, columns).Where(c => table.Sum(row => row[c]) > 0)];
        double total = rows.Sum(r => table[r].Sum());
        if (rows.Length < 2 || cols.Length < 2)
        {
            return new IndependenceResult(0, 0, 1, total);
        }

        double[] rowSums = [.. rows.Select(r => cols.Sum(c => table[r][c]))];
        double[] colSums = [.. cols.Select(c => rows.Sum(r => table[r][c]))];
        double chi2 = 0;
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < cols.Length; j++)
            {
                double expected = rowSums[i] * colSums[j] / total;
                double diff = table[rows[i]][cols[j]] - expected;
                chi2 += diff * diff / expected;
            }
        }

        int df = (rows.Length - 1) * (cols.Length - 1);
        return new IndependenceResult(chi2, df, SpecialFunctions.GammaUpperRegularized(0.5 * df, 0.5 * chi2), total);
    }
}
