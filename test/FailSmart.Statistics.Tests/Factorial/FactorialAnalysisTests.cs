namespace FailSmart.Statistics.Tests.Factorial;

public sealed class FactorialAnalysisTests
{
    [Fact]
    public void Analyze_main_effect_is_the_average_of_the_simple_effects_not_the_effect_with_the_other_off()
    {
        // Cells 00, 10 (A on), 01 (B on), 11. A's simple effects: +1 with B off, +3 with B on; main effect +2.
        FactorialResult result = FactorialAnalysis.Analyze(FactorialCells.Of(100, 4, 10, 11, 10, 13), ["a", "b"]);

        result.MainEffects[0].Name.ShouldBe("a");
        result.MainEffects[0].Effect.Estimate.ShouldBe(2, 1e-12);
        result.MainEffects[1].Effect.Estimate.ShouldBe(1, 1e-12);
        // The interaction coefficient is the difference of A's simple effects: 3 − 1.
        result.Interactions.Single().Name.ShouldBe("a × b");
        result.Interactions.Single().Effect.Estimate.ShouldBe(2, 1e-12);
        result.Intercept.Estimate.ShouldBe(11, 1e-12);
        result.Bundle.Estimate.ShouldBe(3, 1e-12);
        result.FittedCellMeans.ShouldBe([10, 11, 10, 13], 1e-12);
        result.Units.ShouldBe(400);
    }

    [Fact]
    public void Analyze_balanced_saturated_design_gives_hc1_errors_in_closed_form()
    {
        // Balanced, equal variances s²: Var(β) = 4^order · s²(n − 1)/n / N · N/(N − p), the ×4 rule per order.
        const long n = 250;
        const double s2 = 9;
        FactorialResult result = FactorialAnalysis.Analyze(FactorialCells.Of(n, s2, 5, 6, 5.5, 7, 5, 6, 5.5, 7.2), FactorialCells.Features(3));
        long total = 8 * n;
        double unit = s2 * (n - 1) / n / (total - 8);

        result.MainEffects[0].Effect.StandardError.ShouldBe(Math.Sqrt(4 * unit), 1e-12);
        result.Interactions[0].Effect.StandardError.ShouldBe(Math.Sqrt(16 * unit), 1e-12);
        result.Interactions[^1].Effect.StandardError.ShouldBe(Math.Sqrt(64 * unit), 1e-12);
        (result.Interactions[0].Effect.StandardError / result.MainEffects[0].Effect.StandardError).ShouldBe(2, 1e-12);
    }

    [Fact]
    public void Analyze_terms_are_ordered_by_order_then_mask_with_their_feature_names()
    {
        FactorialResult result = FactorialAnalysis.Analyze(FactorialCells.Of(10, 1, new double[8]), ["x", "y", "z"]);

        result.MainEffects.Select(t => t.Name).ShouldBe(["x", "y", "z"]);
        result.Interactions.Select(t => t.Name).ShouldBe(["x × y", "x × z", "y × z", "x × y × z"]);
        result.Interactions.Select(t => t.Mask).ShouldBe([3, 5, 6, 7]);
        result.InteractionTest.DegreesOfFreedom.ShouldBe(4);
    }

    [Fact]
    public void Analyze_two_way_model_pools_higher_orders_into_the_residual()
    {
        FactorialResult result = FactorialAnalysis.Analyze(FactorialCells.Of(50, 1, new double[16]), FactorialCells.Features(4), model: FactorialModel.TwoWay);

        result.Interactions.Count.ShouldBe(6);
        result.Interactions.ShouldAllBe(t => t.Order == 2);
        result.InteractionTest.DegreesOfFreedom.ShouldBe(6);
    }

    [Fact]
    public void Analyze_proportions_are_means_of_zero_one_outcomes()
    {
        ProportionStatistics[] cells = [new(1000, 300), new(1000, 330), new(1000, 290), new(1000, 340)];
        FactorialResult fromRates = FactorialAnalysis.Analyze(cells, ["a", "b"]);
        FactorialResult fromMeans = FactorialAnalysis.Analyze([.. cells.Select(c => new MeanStatistics(c.N, c.Successes, c.Successes))], ["a", "b"]);

        fromRates.MainEffects[0].Effect.Estimate.ShouldBe(0.04, 1e-12);
        fromRates.ShouldBeEquivalentTo(fromMeans);
    }

    [Fact]
    public void Analyze_ratio_cells_use_each_cells_ratio_and_delta_method_variance()
    {
        RatioStatistics[] cells =
        [
            new(200, 400, 1000, 200, 260, 480),
            new(200, 460, 1300, 200, 250, 540),
            new(200, 420, 1100, 210, 280, 500),
            new(200, 470, 1400, 205, 270, 560),
        ];
        FactorialResult result = FactorialAnalysis.Analyze(cells, ["a", "b"]);

        double[] r = [.. cells.Select(c => c.Ratio)];
        result.FittedCellMeans.ShouldBe(r, 1e-12);
        result.MainEffects[0].Effect.Estimate.ShouldBe(0.5 * (r[1] + r[3] - r[0] - r[2]), 1e-12);
        // Saturated: Var(main) = ¼ Σ u_c/n_c (the cells' delta-method variances) times HC1's (n_c − 1)/n_c · N/(N − p).
        double hc0 = 0.25 * cells.Sum(c => c.UnitVariance * (c.N - 1) / c.N / c.N);
        result.MainEffects[0].Effect.StandardError.ShouldBe(Math.Sqrt(hc0 * 800 / 796), 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Analyze_refuses_fewer_than_two_or_more_than_five_features(int k)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FactorialAnalysis.Analyze(FactorialCells.Of(10, 1, new double[1 << k]), FactorialCells.Features(k)))
            .ParamName.ShouldBe("features");
    }

    [Fact]
    public void Analyze_refuses_a_cell_count_that_is_not_two_to_the_features()
    {
        Should.Throw<ArgumentException>(() => FactorialAnalysis.Analyze(FactorialCells.Of(10, 1, new double[6]), FactorialCells.Features(3)))
            .Message.ShouldContain("3 features need 8 cells");
    }

    [Fact]
    public void Analyze_refuses_duplicate_or_empty_feature_names()
    {
        Should.Throw<ArgumentException>(() => FactorialAnalysis.Analyze(FactorialCells.Of(10, 1, new double[4]), ["a", "a"]));
        Should.Throw<ArgumentException>(() => FactorialAnalysis.Analyze(FactorialCells.Of(10, 1, new double[4]), ["a", " "]));
    }

    [Fact]
    public void Analyze_refuses_a_cell_with_fewer_than_two_units_naming_the_cell()
    {
        MeanStatistics[] cells = FactorialCells.Of(10, 1, new double[4]);
        cells[2] = new MeanStatistics(1, 3, 9);

        Should.Throw<ArgumentOutOfRangeException>(() => FactorialAnalysis.Analyze(cells, ["a", "b"])).ParamName.ShouldBe("cells[2]");
    }

    [Fact]
    public void Analyze_refuses_impossible_conversions_and_empty_denominators()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FactorialAnalysis.Analyze([new ProportionStatistics(10, 11), new(10, 1), new(10, 1), new(10, 1)], ["a", "b"]));
        RatioStatistics ok = new(10, 10, 20, 10, 20, 20);
        Should.Throw<ArgumentOutOfRangeException>(() => FactorialAnalysis.Analyze([ok, ok, ok, new RatioStatistics(10, 1, 1, 0, 0, 0)], ["a", "b"]));
    }

    [Fact]
    public void Analyze_refuses_non_finite_sums()
    {
        MeanStatistics[] cells = FactorialCells.Of(10, 1, new double[4]);
        cells[1] = new MeanStatistics(10, double.NaN, 1);

        Should.Throw<ArgumentOutOfRangeException>(() => FactorialAnalysis.Analyze(cells, ["a", "b"]));
    }
}
