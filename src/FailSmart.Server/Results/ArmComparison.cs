using FailSmart.Statistics;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Results;

/// <summary>
/// Chooses the Statistics method for a metric type from the store's sufficient statistics: proportions
/// for 0/1 metrics, Welch for per-unit values, the delta method for means and ratios, and CUPED when a
/// covariate was computed (not for ratios: the store keeps no pre-period denominator).
/// </summary>
internal static class ArmComparison
{
    /// <summary>Null when the arms cannot be compared yet (fewer than two units, no variance, a zero control).</summary>
    public static (Comparison Lifts, bool Cuped)? Compare(MetricKind kind, VariationStatistics control, VariationStatistics treatment)
    {
        if (kind == MetricKind.Quantile || control.Units < 2 || treatment.Units < 2)
        {
            return null;
        }

        try
        {
            (Comparison lifts, bool cuped) = kind switch
            {
                MetricKind.Mean or MetricKind.Ratio => (DeltaMethodRatio.Compare(Ratio(control), Ratio(treatment)).Lifts, false),
                _ when control.Covariate is not null && treatment.Covariate is not null =>
                    (CupedAdjustment.Compare(Cuped(control), Cuped(treatment)).Lifts, true),
                MetricKind.Conversion or MetricKind.Retention =>
                    (ProportionTest.Compare(new ProportionStatistics(control.Units, control.Sum), new ProportionStatistics(treatment.Units, treatment.Sum)).Lifts, false),
                _ => (WelchTest.Compare(Mean(control), Mean(treatment)).Lifts, false),
            };
            return IsUsable(lifts) ? (lifts, cuped) : null;
        }
        catch (ArgumentException)
        {
            return null; // a degenerate arm (no variance, zero denominator): nothing to compare yet
        }
    }

    /// <summary>The metric's value in one arm: the mean per unit, the ratio, or the quantile.</summary>
    public static double? Value(MetricKind kind, VariationStatistics arm) => kind switch
    {
        _ when arm.Units == 0 => null,
        MetricKind.Quantile => arm.Quantile?.Estimate,
        MetricKind.Mean or MetricKind.Ratio => arm.Denominator is { Sum: > 0 } d ? arm.Sum / d.Sum : null,
        _ => arm.Sum / arm.Units,
    };

    private static bool IsUsable(Comparison lifts) =>
        double.IsFinite(lifts.Relative.Estimate) && double.IsFinite(lifts.Relative.StandardError) && lifts.Relative.StandardError > 0;

    private static MeanStatistics Mean(VariationStatistics arm) => new(arm.Units, arm.Sum, arm.SumOfSquares);

    private static RatioStatistics Ratio(VariationStatistics arm)
    {
        DenominatorSums d = arm.Denominator ?? new DenominatorSums(0, 0, 0);
        return new RatioStatistics(arm.Units, arm.Sum, arm.SumOfSquares, d.Sum, d.SumOfSquares, d.SumOfProducts);
    }

    private static CupedStatistics Cuped(VariationStatistics arm)
    {
        CovariateSums x = arm.Covariate!;
        return new CupedStatistics(arm.Units, arm.Sum, arm.SumOfSquares, x.Sum, x.SumOfSquares, x.SumOfProducts);
    }
}
