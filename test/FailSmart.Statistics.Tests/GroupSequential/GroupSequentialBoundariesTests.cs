using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace FailSmart.Statistics.Tests.GroupSequential;

/// <summary>
/// Expected boundaries from R rpact getDesignGroupSequential(typeOfDesign = "asOF" | "asP", alpha = 0.025,
/// informationRates = c(0.25, 0.5, 0.75, 1)), as recorded in the shared reference cases.
/// </summary>

public sealed class GroupSequentialBoundariesTests
{
    [Fact]
    public void Compute_single_look_is_the_fixed_one_sided_critical_value()
    {
        GroupSequentialDesign d = GroupSequentialBoundaries.Compute(SpendingFunction.OBrienFleming, 0.025, [1.0]);

        d.ZUpper[0].ShouldBe(1.959963984540054, 1e-12);
    }

    [Fact]
    public void Compute_OBrienFleming_boundaries_fall_and_spend_all_alpha()
    {
        GroupSequentialDesign d = GroupSequentialBoundaries.Compute(SpendingFunction.OBrienFleming, 0.025, [0.25, 0.5, 0.75, 1.0]);

        d.ZUpper.ShouldBeInOrder(SortDirection.Descending);
        d.CumulativeAlpha[^1].ShouldBe(0.025, 1e-8);
        d.ZUpper[^1].ShouldBe(2.01409014314413, 1e-6);
    }

    [Fact]
    public void Compute_Pocock_boundaries_are_nearly_flat_at_equal_spacing()
    {
        GroupSequentialDesign d = GroupSequentialBoundaries.Compute(SpendingFunction.Pocock, 0.025, [0.25, 0.5, 0.75, 1.0]);

        d.ZUpper[0].ShouldBe(2.36832770352391, 1e-6);
        d.ZUpper[3].ShouldBe(2.35003597289324, 1e-6);
    }

    [Fact]
    public void Compute_rejects_fractions_that_do_not_increase()
    {
        Should.Throw<ArgumentException>(() => GroupSequentialBoundaries.Compute(SpendingFunction.Pocock, 0.025, [0.5, 0.5, 1.0]));
    }

    [Fact]
    public void Compute_boundaries_hold_type_one_error_in_a_brownian_motion_simulation()
    {
        // Independent of rpact: under H0 the score is Brownian motion, Z_k = B(t_k)/√t_k. 200,000
        // seeded paths; Monte Carlo sd of the crossing rate ≈ 0.00035, so ±0.0014 is four sd.
        double[] t = [0.2, 0.4, 0.6, 0.8, 1.0];
        GroupSequentialDesign d = GroupSequentialBoundaries.Compute(SpendingFunction.PowerFamily(2), 0.025, t);
        var random = new Xoshiro256StarStar(99);
        const int Paths = 200_000;
        int crossed = 0;
        int crossedFirst = 0;
        for (int i = 0; i < Paths; i++)
        {
            double b = 0;
            double previous = 0;
            for (int k = 0; k < t.Length; k++)
            {
                b += Normal.Sample(random, 0, Math.Sqrt(t[k] - previous));
                previous = t[k];
                if (b / Math.Sqrt(t[k]) >= d.ZUpper[k])
                {
                    crossed++;
                    crossedFirst += k == 0 ? 1 : 0;
                    break;
                }
            }
        }

        ((double)crossed / Paths).ShouldBe(0.025, 0.0014);
        ((double)crossedFirst / Paths).ShouldBe(0.025 * 0.04, 0.0003);
    }
}
