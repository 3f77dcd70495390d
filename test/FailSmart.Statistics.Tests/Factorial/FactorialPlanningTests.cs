using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics.Tests.Factorial;

public sealed class FactorialPlanningTests
{
    [Fact]
    public void Plan_main_effect_needs_four_sigma_squared_over_delta_squared_times_z_sum_squared()
    {
        // (1.959964 + 0.841621)² · 4 · 3² / 0.1² = 28,255.97 units; 2^3 cells → 3,532 per cell.
        FactorialPlan plan = FactorialPlanning.Plan(features: 3, order: 1, effect: 0.1, standardDeviation: 3);
        double z = StandardNormal.UpperQuantile(0.025) + StandardNormal.Quantile(0.8);

        plan.ExactUnits.ShouldBe(z * z * 4 * 9 / 0.01, 1e-6);
        plan.ExactUnits.ShouldBe(28_255.97, 0.01);
        plan.UnitsPerCell.ShouldBe(3_532);
        plan.Units.ShouldBe(28_256);
        plan.PowerAtUnits.ShouldBeGreaterThanOrEqualTo(0.8);
        plan.PowerAtUnits.ShouldBeLessThan(0.8001);
    }

    [Fact]
    public void Plan_interaction_needs_four_times_the_units_of_a_main_effect_of_the_same_size()
    {
        FactorialPlan main = FactorialPlanning.Plan(2, 1, 0.05, 1.5, 0.05, 0.9);
        FactorialPlan interaction = FactorialPlanning.Plan(2, 2, 0.05, 1.5, 0.05, 0.9);

        (interaction.ExactUnits / main.ExactUnits).ShouldBe(4, 1e-12);
        FactorialPlanning.TermVarianceFactor(2).ShouldBe(4 * FactorialPlanning.TermVarianceFactor(1));
    }

    [Fact]
    public void Plan_variance_factor_is_what_the_analysis_reports_for_a_balanced_design()
    {
        // N·SE²/s² from the analysis itself (HC0, equal cells) is 4 for a main effect and 16 for an interaction.
        const long n = 1_000;
        FactorialResult result = FactorialAnalysis.Analyze(FactorialCells.Of(n, 2.5, 1, 2, 3, 5), ["a", "b"]);
        double hc1 = 4.0 * n / ((4 * n) - 4);
        double s2 = 2.5 * (n - 1) / n;

        (4 * n * Math.Pow(result.MainEffects[0].Effect.StandardError, 2) / s2 / hc1).ShouldBe(FactorialPlanning.TermVarianceFactor(1), 1e-9);
        (4 * n * Math.Pow(result.Interactions[0].Effect.StandardError, 2) / s2 / hc1).ShouldBe(FactorialPlanning.TermVarianceFactor(2), 1e-9);
    }

    [Fact]
    public void Power_at_the_planned_units_counts_both_tails()
    {
        double power = FactorialPlanning.Power(order: 1, effect: 0.1, standardDeviation: 1, units: 400);
        // shift = 0.1 / √(4/400) = 1; Φ(1 − 1.96) + Φ(−1.96 − 1).
        power.ShouldBe(StandardNormal.Cdf(1 - 1.959963984540054) + StandardNormal.Cdf(-1.959963984540054 - 1), 1e-12);
    }

    [Theory]
    [InlineData(1, 1, 0.1, 1)]
    [InlineData(6, 1, 0.1, 1)]
    [InlineData(3, 0, 0.1, 1)]
    [InlineData(3, 4, 0.1, 1)]
    [InlineData(3, 1, 0, 1)]
    [InlineData(3, 1, 0.1, 0)]
    public void Plan_refuses_impossible_inputs(int features, int order, double effect, double sd)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FactorialPlanning.Plan(features, order, effect, sd));
    }
}
