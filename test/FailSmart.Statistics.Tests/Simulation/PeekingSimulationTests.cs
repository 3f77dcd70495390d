using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// A/A experiments looked at every day. Always-valid inference must keep the false-positive rate at
/// or below α however often it is read (Howard et al. 2021; Johari et al. 2017); a fixed-horizon test
/// read daily and stopped at the first p &lt; α does not (Armitage, McPherson &amp; Rowe 1969 report about
/// 0.25 for 20 looks at α = 0.05).
/// </summary>
public sealed class PeekingSimulationTests
{
    private const int Experiments = 2_000;
    private const int Days = 20;
    private const int UnitsPerArmPerDay = 200;
    private const double Alpha = 0.05;

    // Three standard errors of a binomial proportion at α over 2,000 runs.
    private static readonly double s_monteCarloMargin = 3 * Math.Sqrt(Alpha * (1 - Alpha) / Experiments);

    [Fact]
    public void ConfidenceSequence_daily_peeking_keeps_false_positives_at_or_below_alpha()
    {
        (double sequential, double msprt, double fixedHorizon) = RunAa(seed: 20240901);

        sequential.ShouldBeLessThanOrEqualTo(Alpha + s_monteCarloMargin);
        msprt.ShouldBeLessThanOrEqualTo(Alpha + s_monteCarloMargin);
        fixedHorizon.ShouldBeGreaterThan(0.15);
    }

    private static (double Sequential, double Msprt, double FixedHorizon) RunAa(int seed)
    {
        var sim = new ArmSimulator(seed);
        int sequentialHits = 0;
        int msprtHits = 0;
        int fixedHits = 0;
        double tuning = 2.0 * UnitsPerArmPerDay * Days;
        for (int e = 0; e < Experiments; e++)
        {
            MeanStatistics c = new(0, 0, 0);
            MeanStatistics t = new(0, 0, 0);
            bool seqRejected = false;
            bool msprtRejected = false;
            bool fixedRejected = false;
            for (int day = 0; day < Days; day++)
            {
                c = ArmSimulator.Add(c, sim.Batch(UnitsPerArmPerDay, 10, 3));
                t = ArmSimulator.Add(t, sim.Batch(UnitsPerArmPerDay, 10, 3));
                double diff = t.Mean - c.Mean;
                double se = Math.Sqrt((c.Variance / c.N) + (t.Variance / t.N));
                long total = c.N + t.N;
                seqRejected |= !ConfidenceSequence.Apply(diff, se, total, tuning, Alpha).ConfidenceInterval.Contains(0);
                msprtRejected |= Msprt.Apply(c, t, Alpha).PValue < Alpha;
                fixedRejected |= StandardNormal.TwoSidedP(diff / se) < Alpha;
            }

            sequentialHits += seqRejected ? 1 : 0;
            msprtHits += msprtRejected ? 1 : 0;
            fixedHits += fixedRejected ? 1 : 0;
        }

        return ((double)sequentialHits / Experiments, (double)msprtHits / Experiments, (double)fixedHits / Experiments);
    }
}
