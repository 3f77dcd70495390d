using FailSmart.Application.Experiments;
using FailSmart.Statistics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Application.Tests.Experiments;

/// <summary>A factorial launch's plan: the units and days for a main effect and for an interaction of the same size, about four times as many.</summary>
public sealed class FactorialPlannerTests
{
    private static PlanInput Rate(double baseline = 0.3, double effect = 0.05, double unitsPerDay = 2000) =>
        new(baseline, null, true, unitsPerDay, effect, 1, PlanInput.DefaultAllocations);

    [Theory]
    [InlineData(2, 29_304L, 117_212L)]
    [InlineData(3, 29_304L, 117_216L)]
    public void Plan_of_a_rate_needs_four_times_the_units_for_an_interaction_as_for_a_main_effect(int features, long mainUnits, long interactionUnits)
    {
        // σ² = 0.3 · 0.7, δ = 0.05 · 0.3; N = (z₀.₉₇₅ + z₀.₈)² · 4^order · σ²/δ² = 29,302.48 for a main effect, 117,209.94 for an
        // interaction, rounded up to whole units in each of the 2^k cells (scipy.stats.norm.ppf). At 1,000 units a day
        // (50% of 2,000) that is 30 and 118 days.
        FactorialPlanRow plan = FactorialPlanner.Plan(Rate(), features, 0.5).ShouldNotBeNull();

        plan.AbsoluteEffect.ShouldBe(0.015, 1e-15);
        (plan.MainEffectUnits, plan.InteractionUnits).ShouldBe((mainUnits, interactionUnits));
        (plan.MainEffectDays, plan.InteractionDays).ShouldBe((30, 118));
        plan.InteractionRatio.ShouldBeInRange(3.99, 4.01);
    }

    [Fact]
    public void Plan_uses_the_same_units_as_the_results_plan_of_a_running_launch()
    {
        // The results' plan calls FactorialPlanning with the metric's standard deviation and the absolute minimum effect.
        FactorialPlanRow plan = FactorialPlanner.Plan(new PlanInput(12.5, 40, false, 5000, -0.03, 1, [0.2]), 4, 0.2).ShouldNotBeNull();

        plan.MainEffectUnits.ShouldBe(FactorialPlanning.Plan(4, 1, 0.375, Math.Sqrt(40)).Units);
        plan.InteractionUnits.ShouldBe(FactorialPlanning.Plan(4, 2, 0.375, Math.Sqrt(40)).Units);
        plan.MainEffectDays.ShouldBe((int)Math.Ceiling(plan.MainEffectUnits / 1000.0));
    }

    [Fact]
    public void Plan_is_null_while_the_inputs_are_incomplete_and_refuses_a_launch_of_one_or_six_features()
    {
        FactorialPlanner.Plan(Rate() with { Baseline = null }, 2, 0.5).ShouldBeNull();
        FactorialPlanner.Plan(Rate() with { MinimumEffect = 0 }, 2, 0.5).ShouldBeNull();
        FactorialPlanner.Plan(Rate() with { UnitsPerDay = null }, 2, 0.5).ShouldBeNull();
        FactorialPlanner.Plan(new PlanInput(10, null, false, 100, 0.1, 1, [1]), 2, 1).ShouldBeNull();
        Should.Throw<ArgumentOutOfRangeException>(() => FactorialPlanner.Plan(Rate(), 1, 0.5));
        Should.Throw<ArgumentOutOfRangeException>(() => FactorialPlanner.Plan(Rate(), 6, 0.5));
        Should.Throw<ArgumentOutOfRangeException>(() => FactorialPlanner.Plan(Rate(), 2, 0));
    }

    [Property(MaxTest = 300)]
    public Property Interaction_needs_four_times_a_main_effects_units_up_to_rounding_to_whole_cells(PositiveInt effectBasisPoints, PositiveInt sdTenths, byte extraFeatures)
    {
        int features = 2 + (extraFeatures % 4);
        // Effects up to 0.1 against standard deviations from 1.1 keep every plan above the floor of 2 units per cell.
        double effect = Math.Min(effectBasisPoints.Get, 1_000) / 10_000.0;
        double variance = Math.Pow(1 + (Math.Min(sdTenths.Get, 10_000) / 10.0), 2);
        FactorialPlanRow plan = FactorialPlanner.Plan(new PlanInput(1, variance, false, 1000, effect, 1, [1]), features, 1)!;
        long cells = 1L << features;

        // Both round their exact total (the interaction's is exactly four times the main effect's) up to whole units per cell.
        bool fourTimes = plan.InteractionUnits <= 4 * plan.MainEffectUnits && plan.InteractionUnits > (4 * plan.MainEffectUnits) - (4 * cells);
        bool daysFollow = plan.InteractionDays >= plan.MainEffectDays;
        return (fourTimes && daysFollow).ToProperty();
    }
}
