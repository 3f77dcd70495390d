namespace FailSmart.Statistics.Tests.Factorial;

/// <summary>Cells built from chosen means and a common within-cell variance, for tests that need exact values.</summary>
internal static class FactorialCells
{
    public static MeanStatistics Cell(long n, double mean, double variance) =>
        new(n, n * mean, ((n - 1) * variance) + (n * mean * mean));

    public static MeanStatistics[] Of(long n, double variance, params double[] means) =>
        [.. means.Select(m => Cell(n, m, variance))];

    public static string[] Features(int k) => [.. Enumerable.Range(0, k).Select(j => $"f{j}")];
}
