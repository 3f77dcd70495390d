namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// A feature with no effect, served to 10% of the traffic and read every hour for four days: the gate's
/// harm end must be crossed in at most its level α of the runs (its normal mixture is a test martingale,
/// Howard et al. 2021), and a real 6.7% fall must be shown.
/// </summary>
public sealed class GuardrailGateSimulationTests
{
    private const int Runs = 1_000;
    private const int Hours = 96;
    private const int UnitsPerHour = 4_000;
    private const double Alpha = 0.05;

    [Fact]
    public void Evaluate_no_effect_read_every_hour_shows_harm_at_most_alpha_of_the_time()
    {
        double rate = HarmRate(treatmentRate: 0.30, seed: 41);

        rate.ShouldBeLessThanOrEqualTo(Alpha);
    }

    [Fact]
    public void Evaluate_a_two_point_fall_in_a_thirty_percent_conversion_is_shown_within_four_days()
    {
        double rate = HarmRate(treatmentRate: 0.28, seed: 43);

        rate.ShouldBeGreaterThan(0.99);
    }

    private static double HarmRate(double treatmentRate, int seed)
    {
        var sim = new ArmSimulator(seed);
        int harmed = 0;
        for (int run = 0; run < Runs; run++)
        {
            long nc = 0, nt = 0, sc = 0, st = 0;
            for (int hour = 0; hour < Hours; hour++)
            {
                int inFeature = sim.Successes(UnitsPerHour, 0.1);
                nt += inFeature;
                nc += UnitsPerHour - inFeature;
                st += sim.Successes(inFeature, treatmentRate);
                sc += sim.Successes(UnitsPerHour - inFeature, 0.30);
                GuardrailGateResult r = GuardrailGate.Evaluate(new MeanStatistics(nc, sc, sc), new MeanStatistics(nt, st, st), MetricDirection.HigherIsBetter, 0.01, Alpha, Alpha, 100_000);
                if (r.HarmShown)
                {
                    harmed++;
                    break;
                }
            }
        }

        return (double)harmed / Runs;
    }
}
