namespace FailSmart.Statistics.Tests.Frequentist;

public sealed class IndependenceTestTests
{
    [Fact]
    public void Test_two_by_two_table_matches_pearson_without_continuity_correction()
    {
        // scipy.stats.chi2_contingency([[10, 20], [30, 40]], correction=False): expected counts 12, 18, 28, 42,
        // χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793650…, df = 1, p = erfc(√(χ²/2)) = 0.372998…
        IndependenceResult result = IndependenceTest.Test([[10, 20], [30, 40]]);

        result.ChiSquare.ShouldBe(0.7936507936507936, 1e-12);
        result.DegreesOfFreedom.ShouldBe(1);
        result.PValue.ShouldBe(0.37299848361348714, 1e-9);
        result.Total.ShouldBe(100);
    }

    [Fact]
    public void Test_empty_rows_and_columns_are_dropped_before_counting_degrees_of_freedom()
    {
        IndependenceResult result = IndependenceTest.Test([[10, 0, 20], [0, 0, 0], [30, 0, 40]]);

        result.DegreesOfFreedom.ShouldBe(1);
        result.ChiSquare.ShouldBe(0.7936507936507936, 1e-12);
    }

    [Fact]
    public void Test_table_with_one_non_empty_row_has_nothing_to_test()
    {
        IndependenceTest.Test([[10, 20], [0, 0]]).PValue.ShouldBe(1);
    }

    [Fact]
    public void Test_arm_enrolled_entirely_in_one_arm_of_another_is_dependent()
    {
        // Rows: this experiment's arms; columns: the other's arms and "not in it".
        IndependenceTest.Test([[0, 1000, 0], [0, 0, 1000]]).PValue.ShouldBeLessThan(1e-100);
    }

    [Fact]
    public void Test_ragged_or_negative_table_is_rejected()
    {
        Should.Throw<ArgumentException>(() => IndependenceTest.Test([[1, 2], [3]]));
        Should.Throw<ArgumentException>(() => IndependenceTest.Test([[1, -2], [3, 4]]));
    }
}
