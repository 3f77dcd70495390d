using FailSmart.Statistics.Distributions;

namespace FailSmart.Statistics.Tests.Simulation;

/// <summary>
/// The power the planner promises must be the power simulation delivers, within 2 percentage points:
/// run each planned experiment 10,000 times with the assumed effect and count significant results.
/// </summary>
public sealed class PowerSimulationTests
{
    private const int Runs = 10_000;

    [Theory]
    [InlineData(0.05, 0.8, 0.05)]
    [InlineData(0.25, 0.8, 0.50)]
    [InlineData(0.10, 0.9, 0.10)]
    public void Plan_promised_power_matches_simulated_power_within_two_points(double allocation, double power, double controlShare)
    {
        var request = new LearningCostRequest(
            BaselineMean: 20, Variance: 64, UnitsPerDay: 2_000, Allocations: [allocation], RelativeEffect: 0.03,
            ValuePerUnit: 1, Power: power, ControlShare: controlShare);
        LearningCostRow row = LearningCostPlanner.Plan(request)[0];

        double simulated = SimulatePower(row, request, seed: 42);

        simulated.ShouldBe(row.PowerAtDecision, 0.02);
    }

    [Fact]
    public void ForMeans_promised_power_matches_simulated_power_within_two_points()
    {
        // statsmodels NormalIndPower(effect 0.05/1.2 ...) style plan: mean 10, sd 3, 5% relative MDE.
        MeanPowerResult plan = PowerAnalysis.ForMeans(0.05, 0.8, 10, 3, 0.05);
        var sim = new ArmSimulator(3);
        int hits = 0;
        for (int i = 0; i < Runs; i++)
        {
            MeanStatistics c = sim.Batch(plan.SamplePerGroup, 10, 3);
            MeanStatistics t = sim.Batch(plan.SamplePerGroup, 10.5, 3);
            hits += WelchZ(c, t) < 0.05 ? 1 : 0;
        }

        ((double)hits / Runs).ShouldBe(plan.PowerAtSample, 0.02);
    }

    private static double SimulatePower(LearningCostRow row, LearningCostRequest request, int seed)
    {
        var sim = new ArmSimulator(seed);
        double sd = Math.Sqrt(request.Variance);
        double effect = request.BaselineMean * request.RelativeEffect;
        int hits = 0;
        for (int i = 0; i < Runs; i++)
        {
            MeanStatistics c = sim.Batch(row.ControlUnits, request.BaselineMean, sd);
            MeanStatistics t = sim.Batch(row.TreatmentUnits, request.BaselineMean + effect, sd);
            hits += WelchZ(c, t) < request.Alpha ? 1 : 0;
        }

        return (double)hits / Runs;
    }

    private static double WelchZ(MeanStatistics c, MeanStatistics t) =>
        StandardNormal.TwoSidedP((t.Mean - c.Mean) / Math.Sqrt((c.Variance / c.N) + (t.Variance / t.N)));
}
