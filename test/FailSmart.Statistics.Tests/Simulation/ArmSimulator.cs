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

    /// <summary>Binomial(n, p) successes.</summary>
    public int Successes(int n, double p) => Binomial.Sample(_random, p, n);

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
