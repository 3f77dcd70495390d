namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// A rollout checks its split every hour. The sequential check must keep the chance of ever flagging a
/// correct split at or below α over all those looks (Lindon &amp; Malek 2022), where a χ² read at every
/// look does not; and it must find a real leak into the holdback.
/// </summary>
public sealed class SequentialSampleRatioSimulationTests
{
    private const int Runs = 1_000;
    private const int Looks = 100;
    private const int UnitsPerLook = 1_000;
    private static readonly double[] s_planned = [0.891, 0.099, 0.01];

    [Fact]
    public void Test_correct_split_read_a_hundred_times_is_flagged_at_most_alpha_of_the_time()
    {
        const double Alpha = 0.05;
        var sim = new ArmSimulator(20261207);
        int sequential = 0;
        int chiSquare = 0;
        for (int run = 0; run < Runs; run++)
        {
            long[] counts = new long[3];
            bool sequentialFlagged = false;
            bool chiSquareFlagged = false;
            for (int look = 0; look < Looks; look++)
            {
                Draw(sim, counts, s_planned);
                sequentialFlagged |= SequentialSampleRatio.Test(counts, s_planned, Alpha).Mismatch;
                chiSquareFlagged |= SampleRatioMismatch.Check([.. counts.Select(c => (double)c)], s_planned, Alpha).Flagged;
            }

            sequential += sequentialFlagged ? 1 : 0;
            chiSquare += chiSquareFlagged ? 1 : 0;
        }

        ((double)sequential / Runs).ShouldBeLessThanOrEqualTo(Alpha);
        // The same split, read by χ² at every look and stopped at the first p < α: several times α.
        ((double)chiSquare / Runs).ShouldBeGreaterThan(3 * Alpha);
    }

    [Fact]
    public void Test_finds_half_a_percent_of_units_leaking_into_the_holdback()
    {
        var sim = new ArmSimulator(20261208);
        double[] actual = [0.891, 0.094, 0.015];
        int found = 0;
        for (int run = 0; run < 200; run++)
        {
            long[] counts = new long[3];
            for (int look = 0; look < Looks; look++)
            {
                Draw(sim, counts, actual);
                if (SequentialSampleRatio.Test(counts, s_planned).Mismatch)
                {
                    found++;
                    break;
                }
            }
        }

        // About 0.0012 nats of evidence per unit: ln(1000) is reached well within 100,000 units.
        found.ShouldBe(200);
    }

    private static void Draw(ArmSimulator sim, long[] counts, double[] shares)
    {
        int left = UnitsPerLook;
        double rest = 1;
        for (int arm = 0; arm < shares.Length - 1; arm++)
        {
            int n = sim.Successes(left, Math.Min(1, shares[arm] / rest));
            counts[arm] += n;
            left -= n;
            rest -= shares[arm];
        }

        counts[^1] += left;
    }
}
