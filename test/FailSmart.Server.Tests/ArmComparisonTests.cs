using FailSmart.Server.Results;
using FailSmart.Statistics;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Tests;

/// <summary>Ratio and mean metrics with a CUPED window use the pre-period ratio as their covariate.</summary>
public sealed class ArmComparisonTests
{
    // Per unit: M and D after exposure, P and Q (the same numerator and denominator) before it.
    private sealed record Unit(double M, double D, double P, double Q);

    [Fact]
    public void Compare_ratio_with_pre_period_sums_applies_ratio_cuped_to_the_same_sums()
    {
        Unit[] control = Simulate(seed: 1, units: 4_000, lift: 0);
        Unit[] treatment = Simulate(seed: 2, units: 4_000, lift: 0.05);

        (Comparison lifts, bool cuped) = ArmComparison.Compare(MetricKind.Ratio, Arm(0, control), Arm(1, treatment))!.Value;

        // The statistics method, fed sums computed independently from the same units.
        Comparison expected = CupedRatioAdjustment.Compare(Sums(control), Sums(treatment)).Lifts;
        cuped.ShouldBeTrue();
        lifts.Absolute.Estimate.ShouldBe(expected.Absolute.Estimate, 1e-12);
        lifts.Absolute.StandardError.ShouldBe(expected.Absolute.StandardError, 1e-12);
        lifts.Relative.Estimate.ShouldBe(expected.Relative.Estimate, 1e-12);
        lifts.Relative.StandardError.ShouldBe(expected.Relative.StandardError, 1e-12);
    }

    [Fact]
    public void Compare_ratio_cuped_narrows_the_interval_when_the_past_predicts_the_future()
    {
        Unit[] control = Simulate(seed: 3, units: 4_000, lift: 0);
        Unit[] treatment = Simulate(seed: 4, units: 4_000, lift: 0.05);

        (Comparison adjusted, bool cuped) = ArmComparison.Compare(MetricKind.Ratio, Arm(0, control), Arm(1, treatment))!.Value;
        (Comparison plain, bool plainCuped) = ArmComparison.Compare(MetricKind.Ratio, Arm(0, control) with { Covariate = null }, Arm(1, treatment) with { Covariate = null })!.Value;

        cuped.ShouldBeTrue();
        plainCuped.ShouldBeFalse();
        // Each unit's rate persists from before exposure to after, so most of the variance is explained.
        adjusted.Relative.StandardError.ShouldBeLessThan(plain.Relative.StandardError * 0.6);
        adjusted.Relative.ConfidenceIntervalT.Lower.ShouldBeLessThan(0.05);
        adjusted.Relative.ConfidenceIntervalT.Upper.ShouldBeGreaterThan(0.05);
    }

    [Fact]
    public void Compare_mean_without_any_pre_period_denominator_in_an_arm_falls_back_to_the_delta_method()
    {
        Unit[] control = Simulate(seed: 5, units: 1_000, lift: 0);
        Unit[] treatment = [.. Simulate(seed: 6, units: 1_000, lift: 0).Select(u => u with { P = 0, Q = 0 })];

        (Comparison lifts, bool cuped) = ArmComparison.Compare(MetricKind.Mean, Arm(0, control), Arm(1, treatment))!.Value;

        cuped.ShouldBeFalse();
        Comparison expected = DeltaMethodRatio.Compare(Ratio(control), Ratio(treatment)).Lifts;
        lifts.Relative.Estimate.ShouldBe(expected.Relative.Estimate, 1e-12);
        lifts.Relative.StandardError.ShouldBe(expected.Relative.StandardError, 1e-12);
    }

    // Sessions before and after follow each unit's own activity level; revenue per session follows
    // each unit's own spend rate, raised by the lift after exposure.
    private static Unit[] Simulate(int seed, int units, double lift)
    {
        var random = new Random(seed);
        var result = new Unit[units];
        for (int i = 0; i < units; i++)
        {
            double activity = 1 + (random.NextDouble() * 9);
            double rate = 5 + (random.NextDouble() * 45);
            double q = Math.Round(activity * (0.8 + (0.4 * random.NextDouble())));
            double d = Math.Round(activity * (0.8 + (0.4 * random.NextDouble())));
            double p = q * rate * (0.9 + (0.2 * random.NextDouble()));
            double m = d * rate * (1 + lift) * (0.9 + (0.2 * random.NextDouble()));
            result[i] = new Unit(m, d, p, q);
        }

        return result;
    }

    // What the store returns for one arm: every sum over its units.
    private static VariationStatistics Arm(int variation, Unit[] units) => new(
        variation,
        units.Length,
        units.Sum(u => u.M),
        units.Sum(u => u.M * u.M),
        new DenominatorSums(units.Sum(u => u.D), units.Sum(u => u.D * u.D), units.Sum(u => u.M * u.D)),
        new CovariateSums(
            units.Sum(u => u.P),
            units.Sum(u => u.P * u.P),
            units.Sum(u => u.M * u.P),
            units.Sum(u => u.D * u.P),
            new PreDenominatorSums(units.Sum(u => u.Q), units.Sum(u => u.Q * u.Q), units.Sum(u => u.P * u.Q), units.Sum(u => u.M * u.Q), units.Sum(u => u.D * u.Q))));

    private static CupedRatioStatistics Sums(Unit[] units) => new(
        units.Length,
        MSum: units.Sum(u => u.M),
        DSum: units.Sum(u => u.D),
        PSum: units.Sum(u => u.P),
        QSum: units.Sum(u => u.Q),
        MMSum: units.Sum(u => u.M * u.M),
        DDSum: units.Sum(u => u.D * u.D),
        PPSum: units.Sum(u => u.P * u.P),
        QQSum: units.Sum(u => u.Q * u.Q),
        MDSum: units.Sum(u => u.M * u.D),
        PQSum: units.Sum(u => u.P * u.Q),
        MPSum: units.Sum(u => u.M * u.P),
        MQSum: units.Sum(u => u.M * u.Q),
        DPSum: units.Sum(u => u.D * u.P),
        DQSum: units.Sum(u => u.D * u.Q));

    private static RatioStatistics Ratio(Unit[] units) => new(
        units.Length,
        units.Sum(u => u.M),
        units.Sum(u => u.M * u.M),
        units.Sum(u => u.D),
        units.Sum(u => u.D * u.D),
        units.Sum(u => u.M * u.D));
}
