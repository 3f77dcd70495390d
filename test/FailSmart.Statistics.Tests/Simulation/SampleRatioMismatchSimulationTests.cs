namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// With a correct 50/50 assignment the SRM check must fire about once in a thousand experiments
/// (its threshold), and a real 49/51 skew at 20,000 units must be caught almost always.
/// </summary>
public sealed class SampleRatioMismatchSimulationTests
{
    [Fact]
    public void Check_false_positive_rate_under_correct_assignment_is_about_one_in_a_thousand()
    {
        const int Trials = 100_000;
        const int Units = 2_000;
        var sim = new ArmSimulator(7);
        byte[] coins = new byte[Units / 8];
        int flagged = 0;
        for (int i = 0; i < Trials; i++)
        {
            int treatment = sim.FairCoinHeads(coins);
            flagged += SampleRatioMismatch.Check([Units - treatment, treatment]).Flagged ? 1 : 0;
        }

        // Expected 100 flags, Monte Carlo sd 10: accept 0.0006 to 0.0014 (four sd). The χ² approximation
        // to the discrete binomial tail is slightly conservative at this size.
        double rate = (double)flagged / Trials;
        rate.ShouldBeInRange(0.0006, 0.0014);
    }

    [Fact]
    public void Check_real_skew_of_one_percent_at_twenty_thousand_units_is_flagged()
    {
        var sim = new ArmSimulator(11);
        int flagged = 0;
        for (int i = 0; i < 200; i++)
        {
            int treatment = 0;
            for (int u = 0; u < 20_000; u++)
            {
                treatment += sim.NextDouble() < 0.51 ? 1 : 0;
            }

            flagged += SampleRatioMismatch.Check([20_000 - treatment, treatment]).Flagged ? 1 : 0;
        }

        // z = 0.01 × 2 × sqrt(20,000) ≈ 2.83 on average against a 3.29 threshold: caught roughly a third of the time.
        ((double)flagged / 200).ShouldBeInRange(0.2, 0.5);
    }
}
