namespace FailSmart.Statistics.Tests.Frequentist;

public sealed class NonInferiorityTests
{
    private static LiftEstimate Lift(double estimate, double se) => new(estimate, se, double.PositiveInfinity, estimate / se, 0, default, 0, default);

    [Fact]
    public void Test_higher_is_better_uses_the_lower_one_sided_bound()
    {
        // z = (−0.002 + 0.01)/0.004 = 2; one-sided p = Φ(−2) = 0.022750131948179195.
        NonInferiorityResult r = NonInferiority.Test(Lift(-0.002, 0.004), 0.01);

        r.Statistic.ShouldBe(2, 1e-12);
        r.PValueZ.ShouldBe(0.022750131948179195, 1e-15);
        r.BoundZ.ShouldBe(-0.002 - (1.6448536269514722 * 0.004), 1e-15);
        r.NonInferiorZ.ShouldBeTrue();
    }

    [Fact]
    public void Test_lower_is_better_mirrors_with_the_upper_bound()
    {
        // Latency up 0.2% against a 1% margin: z = (0.01 − 0.002)/0.004 = 2.
        NonInferiorityResult r = NonInferiority.Test(Lift(0.002, 0.004), 0.01, direction: MetricDirection.LowerIsBetter);

        r.Statistic.ShouldBe(2, 1e-12);
        r.BoundZ.ShouldBe(0.002 + (1.6448536269514722 * 0.004), 1e-15);
        r.NonInferiorZ.ShouldBeTrue();
    }
}
