namespace FailSmart.Server.Demo;

/// <summary>
/// A small seeded generator (SplitMix64) keyed by what it draws for, so each unit's day draws the same
/// numbers whatever else the simulation did before it: a rollout stage that moves never shifts the draws
/// of units it does not touch, and the same seed gives the same history in any process.
/// </summary>
internal struct DemoRandom(ulong state)
{
    public static DemoRandom For(int seed, int unit, int day, int stream) =>
        new(Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)unit) ^ ((ulong)(uint)day << 20)) ^ ((ulong)(uint)stream << 40));

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public int Below(int count) => (int)(NextDouble() * count);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double Normal()
    {
        double u = 1 - NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * NextDouble());
    }

    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>A Poisson draw (Knuth's product of uniforms; the demo's means are small).</summary>
    public int Poisson(double mean)
    {
        double limit = Math.Exp(-mean), product = NextDouble();
        int count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }

    private ulong Next() => Mix(state += 0x9E3779B97F4A7C15UL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
