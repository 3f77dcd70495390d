using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Statistics.Tests.Properties;

/// <summary>
/// Sufficient statistics at the edges of double range (sums of values a store kept without a bound)
/// never make an analysis throw, and every number out of it is finite or marked: a comparison that
/// could not be computed says so (<see cref="LiftEstimate.IsFinite"/> false), and its decision reads
/// nothing from it.
/// </summary>
public sealed class ExtremeStatisticsProperties
{
    private static readonly FakeTimeProvider s_clock = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly double[] s_extremes =
        [0, 1, -1, 3.5, -0.25, 1e15, -1e15, 1e150, 1.4e154, 1e200, -1e200, 1e300, 1.7e308, -1.7e308, double.MaxValue, double.MinValue, 1e-300, double.Epsilon];

    private static readonly long[] s_units = [2, 3, 10, 1_000, 1_000_000, 1_000_000_000_000];

    private static Gen<double> Value => Gen.Elements(s_extremes);

    private static Gen<long> Units => Gen.Elements(s_units);

    private static Arbitrary<(long N, double[] Sums)> Arm(int sums) =>
        Gen.Zip(Units, Gen.ArrayOf(Value, sums)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property Welch_on_extreme_sums_never_throws_and_is_finite_or_marked() =>
        Prop.ForAll(Arm(2), Arm(2), (c, t) => Decides(WelchTest.Compare(new MeanStatistics(c.N, c.Sums[0], c.Sums[1]), new MeanStatistics(t.N, t.Sums[0], t.Sums[1])).Lifts, c.N, t.N));

    [Property(MaxTest = 500)]
    public Property Ratio_on_extreme_sums_never_throws_and_is_finite_or_marked() =>
        Prop.ForAll(Arm(5), Arm(5), (c, t) => Decides(DeltaMethodRatio.Compare(Ratio(c), Ratio(t)).Lifts, c.N, t.N));

    [Property(MaxTest = 500)]
    public Property Cuped_on_extreme_sums_never_throws_and_is_finite_or_marked() =>
        Prop.ForAll(Arm(5), Arm(5), (c, t) => Decides(CupedAdjustment.Compare(Cuped(c), Cuped(t)).Lifts, c.N, t.N));

    [Property(MaxTest = 500)]
    public Property Cuped_ratio_on_extreme_sums_never_throws_and_is_finite_or_marked() =>
        Prop.ForAll(Arm(14), Arm(14), (c, t) => Decides(CupedRatioAdjustment.Compare(CupedRatio(c), CupedRatio(t)).Lifts, c.N, t.N));

    /// <summary>
    /// The relative lift does not depend on the unit of measure, so scaling every value by 10^k (sums by
    /// 10^k, sums of squares by 10^2k) must leave it unchanged for as long as the sums of squares stay
    /// finite; the variance must not overflow before the data does.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Welch_relative_lift_is_the_same_in_any_unit_while_the_sums_are_finite(PositiveInt seed, PositiveInt power)
    {
        long nc = 2 + (seed.Get % 5_000), nt = 2 + (seed.Get / 7 % 5_000);
        double mc = 10 + (seed.Get % 13), mt = 11 + (seed.Get % 17), sd = 3 + (seed.Get % 5);
        MeanStatistics Arm(long n, double mean, double scale) =>
            new(n, n * mean * scale, (((n - 1) * sd * sd) + (n * mean * mean)) * scale * scale);
        // Up to the largest scale at which Σy² is still finite: there Σy is far beyond 1.3e154, whose square overflows.
        double k = Math.Min(Math.Pow(10, 140 + (power.Get % 20)), Math.Sqrt(1e307 / Math.Max(Arm(nc, mc, 1).SumOfSquares, Arm(nt, mt, 1).SumOfSquares)));

        Comparison plain = WelchTest.Compare(Arm(nc, mc, 1), Arm(nt, mt, 1)).Lifts;
        Comparison scaled = WelchTest.Compare(Arm(nc, mc, k), Arm(nt, mt, k)).Lifts;

        return (scaled.Relative.IsFinite
                && Close(plain.Relative.Estimate, scaled.Relative.Estimate)
                && Close(plain.Relative.StandardError, scaled.Relative.StandardError)
                && Close(plain.Relative.DegreesOfFreedom, scaled.Relative.DegreesOfFreedom))
            .Label($"k = {k}: {plain.Relative} vs {scaled.Relative}");
    }

    /// <summary>As above for a ratio metric whose numerator is measured in a unit 10^k smaller.</summary>
    [Property(MaxTest = 300)]
    public Property Ratio_relative_lift_is_the_same_in_any_unit_while_the_sums_are_finite(PositiveInt seed, PositiveInt power)
    {
        long n = 2 + (seed.Get % 5_000);
        RatioStatistics Arm(double m, double scale) => new(n, n * m * scale, n * ((m * m) + 4) * scale * scale, n * 2.0, n * 5.0, n * ((2 * m) + 0.5) * scale);
        double k = Math.Min(Math.Pow(10, 140 + (power.Get % 20)), Math.Sqrt(1e307 / Arm(30, 1).NumeratorSumOfSquares));

        Comparison plain = DeltaMethodRatio.Compare(Arm(10 + (seed.Get % 7), 1), Arm(12, 1)).Lifts;
        Comparison scaled = DeltaMethodRatio.Compare(Arm(10 + (seed.Get % 7), k), Arm(12, k)).Lifts;

        return (scaled.Relative.IsFinite
                && Close(plain.Relative.Estimate, scaled.Relative.Estimate)
                && Close(plain.Relative.StandardError, scaled.Relative.StandardError))
            .Label($"k = {k}: {plain.Relative} vs {scaled.Relative}");
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a));

    // The decision and the guardrail run on whatever the comparison gave; neither may throw, and every number
    // they give is finite unless the comparison was marked as not computed.
    private static Property Decides(Comparison lifts, long nc, long nt)
    {
        var plan = new MetricPlan(10_000, 100);
        MetricResult result = MetricAnalysis.Analyze(lifts, nc, nt, plan, s_clock);
        GuardrailResult guardrail = MetricAnalysis.AnalyzeGuardrail(lifts, nc, nt, 0.05, plan);
        bool marked = !lifts.Relative.IsFinite;
        bool finite = result.AlwaysValidRelative.ConfidenceInterval.IsFinite && result.Decision.RelativeInterval.IsFinite
            && double.IsFinite(result.AlwaysValidRelative.PValue);
        bool readNothing = result.Decision.Status is DecisionStatus.TooEarly or DecisionStatus.KeepRunning or DecisionStatus.Inconclusive
            && guardrail.Verdict != GuardrailVerdict.Harm;
        return (marked ? readNothing && !result.Decision.Message.Contains("Infinity", StringComparison.Ordinal) : finite)
            .Label($"relative {lifts.Relative}; decision {result.Decision.Status} {result.Decision.RelativeInterval}; guardrail {guardrail.Verdict}");
    }

    private static RatioStatistics Ratio((long N, double[] S) a) => new(a.N, a.S[0], a.S[1], a.S[2], a.S[3], a.S[4]);

    private static CupedStatistics Cuped((long N, double[] S) a) => new(a.N, a.S[0], a.S[1], a.S[2], a.S[3], a.S[4]);

    private static CupedRatioStatistics CupedRatio((long N, double[] S) a) =>
        new(a.N, a.S[0], a.S[1], a.S[2], a.S[3], a.S[4], a.S[5], a.S[6], a.S[7], a.S[8], a.S[9], a.S[10], a.S[11], a.S[12], a.S[13]);
}
