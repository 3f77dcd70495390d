namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// A cohort skewed toward one market whose effect differs from the others': the post-stratified interval must cover
/// the target population's effect in at least 94% of 10,000 seeded runs (nominal 95%, Monte Carlo standard error
/// 0.0022), where the cohort's plain interval almost never does.
/// </summary>
public sealed class PostStratificationSimulationTests
{
    private const int Runs = 10_000;

    // Market, control mean, effect, standard deviation, units per arm in the cohort, share of the target.
    private static readonly (string Level, double Mean, double Effect, double Sd, long Units, double TargetShare)[] s_markets =
    [
        ("NZ", 20, 1.0, 6, 3_000, 0.05),
        ("US", 18, 0.0, 7, 400, 0.60),
        ("DE", 19, -0.3, 6.5, 300, 0.35),
    ];

    [Fact]
    public void Reweighted_interval_covers_the_target_effect_in_at_least_94_percent_of_runs()
    {
        double targetEffect = s_markets.Sum(m => m.TargetShare * m.Effect);
        var sim = new ArmSimulator(31);
        int covered = 0;
        int plainCovered = 0;
        for (int run = 0; run < Runs; run++)
        {
            StratumArms[] strata = [.. s_markets.Select(m => new StratumArms(
                m.Level,
                sim.Batch(m.Units, m.Mean, m.Sd),
                sim.Batch(m.Units, m.Mean + m.Effect, m.Sd),
                m.TargetShare * 1_000_000))];
            PostStratifiedEffect result = PostStratification.Estimate(strata);
            covered += result.Reweighted.ConfidenceInterval.Contains(targetEffect) ? 1 : 0;
            plainCovered += result.Plain.ConfidenceInterval.Contains(targetEffect) ? 1 : 0;
        }

        ((double)covered / Runs).ShouldBeGreaterThanOrEqualTo(0.94);
        ((double)plainCovered / Runs).ShouldBeLessThan(0.05);
    }
}
