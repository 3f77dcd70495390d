namespace FailSmart.Statistics.Tests.Planning;

public sealed class LearningCostPlannerTests
{
    // Retention 30% (Bernoulli variance 0.21), 100,000 eligible users a day, a 2% relative harm
    // (δ = 0.006) and each retained user worth 1. Days = σ²(1/a + 1/c)(z₀.₉₇₅ + z₀.₈)² / (U δ²)
    // with z₀.₉₇₅ + z₀.₈ = 1.959964 + 0.841621 (Chow, Shao & Wang 2008, eq. 3.2.3).
    private static readonly LearningCostRequest s_seed = new(
        BaselineMean: 0.30,
        Variance: 0.21,
        UnitsPerDay: 100_000,
        Allocations: [0.01, 0.05, 0.10, 0.25],
        RelativeEffect: -0.02,
        ValuePerUnit: 1.0,
        StartDate: new DateOnly(2026, 3, 2));

    [Fact]
    public void Plan_one_percent_cohort_needs_47_days_and_five_percent_needs_10()
    {
        IReadOnlyList<LearningCostRow> rows = LearningCostPlanner.Plan(s_seed);

        // 1%: 0.21 × (100 + 1/0.99) × 7.848879 / (100,000 × 0.006²) = 46.25 → 47 days.
        rows[0].DaysToDecision.ShouldBe(47);
        rows[0].DecisionDate.ShouldBe(new DateOnly(2026, 4, 18));
        // 5%: 0.21 × (20 + 1/0.95) × 7.848879 / 3.6 = 9.64 → 10 days.
        rows[1].DaysToDecision.ShouldBe(10);
    }

    [Fact]
    public void Plan_cost_is_units_exposed_times_harm_times_value()
    {
        IReadOnlyList<LearningCostRow> rows = LearningCostPlanner.Plan(s_seed);

        rows[0].TreatmentUnits.ShouldBe(47_000);
        rows[0].ExpectedCost.ShouldBe(47_000 * 0.006, 1e-9);
        rows[1].TreatmentUnits.ShouldBe(50_000);
        rows[1].ExpectedCost.ShouldBe(50_000 * 0.006, 1e-9);
    }

    [Fact]
    public void Plan_bigger_cohort_learns_faster_at_similar_cost()
    {
        // The seed's hand calculation: going from 1% to 5% buys a decision ~4.7 times sooner for about
        // the same exposure, because exposure per day grows as fast as the time to decide shrinks.
        IReadOnlyList<LearningCostRow> rows = LearningCostPlanner.Plan(s_seed);

        ((double)rows[0].DaysToDecision / rows[1].DaysToDecision).ShouldBeGreaterThan(4.5);
        (rows[1].ExpectedCost / rows[0].ExpectedCost).ShouldBeLessThan(1.1);
        rows.Select(r => r.DaysToDecision).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Plan_power_at_decision_is_at_least_the_requested_power()
    {
        foreach (LearningCostRow row in LearningCostPlanner.Plan(s_seed))
        {
            row.PowerAtDecision.ShouldBeGreaterThanOrEqualTo(0.8);
            row.PowerAtDecision.ShouldBeLessThan(0.9);
        }
    }

    [Fact]
    public void Plan_allocation_and_control_beyond_all_traffic_is_rejected()
    {
        Should.Throw<ArgumentException>(() => LearningCostPlanner.Plan(s_seed with { Allocations = [0.6], ControlShare = 0.5 }));
    }

    [Fact]
    public void ForProportion_uses_the_bernoulli_variance_of_the_baseline()
    {
        LearningCostRequest r = LearningCostRequest.ForProportion(0.30, 100_000, [0.01, 0.05], -0.02, 1.0);

        r.Variance.ShouldBe(0.21, 1e-15);
        LearningCostPlanner.Plan(r).Select(x => x.DaysToDecision).ShouldBe([47, 10]);
    }

    [Fact]
    public void Table_cells_print_one_row_per_allocation()
    {
        LearningCostRow row = LearningCostPlanner.Plan(s_seed)[1];

        LearningCostTable.Cells(row).ShouldBe(["5%", "5,000", "10", "2026-03-12", "50,000", "0.006", "300.00", "81.4%"]);
        LearningCostTable.Headers.Count.ShouldBe(LearningCostTable.Cells(row).Count);
    }
}
