using FailSmart.Application.Experiments;
using FailSmart.Statistics;

namespace FailSmart.Application.Tests.Experiments;

/// <summary>The experiment plan: the stats plan computation per allocation, split by the variations' weights, with each bad input named.</summary>
public sealed class ExperimentPlannerTests
{
    private static PlanInput Input(double? baseline = 0.3, double? variance = null, bool proportion = true, double? unitsPerDay = 20_000, double? effect = 0.02, double? value = 1,
        IReadOnlyList<double>? allocations = null) =>
        new(baseline, variance, proportion, unitsPerDay, effect, value, allocations ?? [0.2]);

    [Fact]
    public void Plan_of_a_rate_at_20_percent_split_evenly_needs_46_days()
    {
        // n per arm = p(1 − p)(z₀.₉₇₅ + z₀.₈)² · 2 / δ² with p = 0.3, δ = 0.006: 0.21 · 2.8016² · 2 / 0.006² = 91,570 units,
        // at 2,000 a day per arm (10% of 20,000) 45.8 days, so 46 whole days (computed with Python's statistics.NormalDist).
        (IReadOnlyList<PlanRow> rows, var problems) = ExperimentPlanner.Plan(Input());

        problems.ShouldBeEmpty();
        PlanRow row = rows.ShouldHaveSingleItem();
        row.Allocation.ShouldBe(0.2);
        (row.Cost.Allocation, row.Cost.ControlShare, row.Cost.DaysToDecision).ShouldBe((0.1, 0.1, 46));
        row.Cost.TreatmentUnits.ShouldBe(92_000);
    }

    [Fact]
    public void Plan_gives_what_the_stats_plan_computation_gives_for_the_same_shares()
    {
        // Each allocation is split as allocation × weight: the control 60%, the smallest treatment 40% of it.
        (IReadOnlyList<PlanRow> rows, _) = ExperimentPlanner.Plan(Input(baseline: 12.5, variance: 40, proportion: false, effect: -0.03, value: 2.5, allocations: [0.05, 0.5]) with
        {
            ControlWeight = 0.6,
            TreatmentWeight = 0.4,
        });

        rows.Select(r => r.Cost).ShouldBe(
        [
            LearningCostPlanner.Plan(new LearningCostRequest(12.5, 40, 20_000, [0.05 * 0.4], -0.03, 2.5, ControlShare: 0.05 * 0.6))[0],
            LearningCostPlanner.Plan(new LearningCostRequest(12.5, 40, 20_000, [0.5 * 0.4], -0.03, 2.5, ControlShare: 0.5 * 0.6))[0],
        ]);
    }

    [Fact]
    public void Plan_without_its_numbers_names_each_missing_input_and_computes_nothing()
    {
        (IReadOnlyList<PlanRow> rows, var problems) = ExperimentPlanner.Plan(
            Input(baseline: null, proportion: false, unitsPerDay: 0, effect: 0, value: -1, allocations: [0, 1.5]));

        rows.ShouldBeEmpty();
        problems.Select(p => p.Path).ShouldBe(["baseline", "variance", "unitsPerDay", "minimumEffect", "valuePerUnit", "allocations"]);
        problems.Single(p => p.Path == "minimumEffect").Message.ShouldBe("The plan needs a minimum effect other than 0: no sample size detects no effect.");
    }

    [Fact]
    public void Plan_of_a_rate_outside_0_and_1_is_a_baseline_problem()
    {
        var (_, problems) = ExperimentPlanner.Plan(Input(baseline: 1.2));

        problems.ShouldHaveSingleItem().Message.ShouldBe("A rate of 1.2 is not between 0 and 1.");
    }
}
