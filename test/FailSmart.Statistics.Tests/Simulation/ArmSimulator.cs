using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// Draws per-day sufficient statistics of normal data exactly, without drawing units: a batch of n
/// units has sum ~ N(nμ, nσ²) and, independently, (n − 1)s² ~ σ²χ²(n − 1), so the sum of squares
/// is (n − 1)s² + sum²/n. Seeded, so every run is the same.
/// </summary>
internal sealed class ArmSimulator(int seed)
{
    private readonly Xoshiro256StarStar _random = new(seed);

    public MeanStatistics Batch(long n, double mean, double sd)
    {
        double sum = Normal.Sample(_random, n * mean, Math.Sqrt(n) * sd);
        // χ²(k) is Gamma(k/2, rate 1/2); MathNet's Gamma sampler is O(1), its χ² sampler O(k).
        double ss = sd * sd * Gamma.Sample(_random, 0.5 * (n - 1), 0.5);
        return new MeanStatistics(n, sum, ss + (sum * sum / n));
    }

    public double NextDouble() => _random.NextDouble();

    /// <summary>
    /// Binomial(n, p) successes, exactly, in O(log n) (Knuth, TAOCP vol. 2, §3.4.1, exercise 27): the a-th
    /// smallest of n uniforms is Beta(a, n + 1 − a), which settles whether at least a successes occurred.
    /// MathNet's sampler draws n uniforms.
    /// </summary>
    public int Successes(int n, double p)
    {
        int successes = 0;
        while (n > 32 && p > 0 && p < 1)
        {
            int a = 1 + (n / 2);
            int b = n + 1 - a;
            double x = Beta.Sample(_random, a, b);
            if (x >= p)
            {
                n = a - 1;
                p /= x;
            }
            else
            {
                successes += a;
                n = b - 1;
                p = (p - x) / (1 - x);
            }
        }

        return p >= 1 ? successes + n : successes + Binomial.Sample(_random, Math.Max(p, 0), n);
    }

    /// <summary>Binomial(8·bytes, 1/2) exactly: the number of set bits in that many random bytes.</summary>
    public int FairCoinHeads(byte[] buffer)
    {
        _random.NextBytes(buffer);
        int heads = 0;
        foreach (byte b in buffer)
        {
            heads += System.Numerics.BitOperations.PopCount(b);
        }

        return heads;
    }

    public static MeanStatistics Add(MeanStatistics a, MeanStatistics b) =>
        new(a.N + b.N, a.Sum + b.Sum, a.SumOfSquares + b.SumOfSquares);
}
