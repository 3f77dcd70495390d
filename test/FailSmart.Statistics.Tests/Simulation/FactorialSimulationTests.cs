namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// Seeded simulations of factorial launches on per-cell sufficient statistics (drawn exactly by
/// <see cref="ArmSimulator"/>, no unit rows). 10,000 runs each: the Monte Carlo standard error of a rate near 0.8
/// is 0.004 and near 0.05 it is 0.0022.
/// </summary>
public sealed class FactorialSimulationTests
{
    private const int Runs = 10_000;

    [Theory]
    [InlineData(2, 11)]
    [InlineData(3, 12)]
    public void Interaction_power_at_the_planned_units_is_within_three_points_of_the_plan(int k, int seed)
    {
        // A two-way interaction of 0.2 between the first two features, σ = 2: the plan's units per cell, then count
        // how often that term's test rejects at α = 0.05.
        const double effect = 0.2;
        const double sd = 2;
        FactorialPlan plan = FactorialPlanning.Plan(k, order: 2, effect, sd);
        var sim = new ArmSimulator(seed);
        string[] features = [.. Enumerable.Range(0, k).Select(j => $"f{j}")];
        int hits = 0;
        for (int run = 0; run < Runs; run++)
        {
            // μ_c = 10 + δ when features 0 and 1 are both on: the f0 × f1 coefficient (a difference of differences) is δ.
            MeanStatistics[] cells = [.. Enumerable.Range(0, 1 << k).Select(c => sim.Batch(plan.UnitsPerCell, 10 + ((c & 3) == 3 ? effect : 0), sd))];
            FactorialResult result = FactorialAnalysis.Analyze(cells, features);
            hits += result.Interactions.Single(t => t.Mask == 3).Effect.PValue < 0.05 ? 1 : 0;
        }

        ((double)hits / Runs).ShouldBe(plan.PowerAtUnits, 0.03);
    }

    [Theory]
    [InlineData(2, 21)]
    [InlineData(3, 22)]
    [InlineData(5, 23)]
    public void Interaction_test_without_interaction_rejects_at_most_alpha_plus_monte_carlo_error(int k, int seed)
    {
        // Main effects, unequal cell sizes and unequal variances, but no interaction: the Wald test over every
        // interaction term must reject at most 5% of the time, plus three Monte Carlo standard errors (0.0065).
        var sim = new ArmSimulator(seed);
        string[] features = [.. Enumerable.Range(0, k).Select(j => $"f{j}")];
        int hits = 0;
        for (int run = 0; run < Runs; run++)
        {
            MeanStatistics[] cells = [.. Enumerable.Range(0, 1 << k).Select(c =>
                sim.Batch(300 + (50 * (c % 5)), 10 + (0.5 * (c & 1)) - (0.3 * ((c >> 1) & 1)), 1 + (0.5 * (c % 3))))];
            hits += FactorialAnalysis.Analyze(cells, features).InteractionTest.PValue < 0.05 ? 1 : 0;
        }

        ((double)hits / Runs).ShouldBeLessThanOrEqualTo(0.05 + 0.0065);
    }
}
