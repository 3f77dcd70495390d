using FailSmart.Statistics;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Results;

/// <summary>
/// Chooses the Statistics method for a metric type from the store's sufficient statistics: proportions
/// for 0/1 metrics, Welch for per-unit values, the delta method for means and ratios, CUPED when a
/// covariate was computed (for means and ratios on the pre-period ratio, once both arms had some
/// pre-period denominator), and for quantiles the difference of the two arms' quantiles with standard errors implied by their
/// order-statistic intervals.
/// </summary>
internal static class ArmComparison
{
    /// <summary>Null when the arms cannot be compared yet (fewer than two units, no variance, a zero control).</summary>
    /// <param name="kind">The metric's type.</param>
    /// <param name="control">The control arm.</param>
    /// <param name="treatment">The treatment arm.</param>
    /// <param name="quantileZ">For quantiles: the normal quantile the store's intervals were computed at.</param>
    public static (Comparison Lifts, bool Cuped)? Compare(MetricKind kind, VariationStatistics control, VariationStatistics treatment, double quantileZ = 1.959963984540054)
    {
        if (control.Units < 2 || treatment.Units < 2)
        {
            return null;
        }

        if (kind == MetricKind.Quantile)
        {
            return CompareQuantiles(control, treatment, quantileZ);
        }

        try
        {
            (Comparison lifts, bool cuped) = kind switch
            {
                MetricKind.Mean or MetricKind.Ratio when HasPrePeriodRatio(control) && HasPrePeriodRatio(treatment) =>
                    (CupedRatioAdjustment.Compare(CupedRatio(control), CupedRatio(treatment)).Lifts, true),
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

    private static (Comparison Lifts, bool Cuped)? CompareQuantiles(VariationStatistics control, VariationStatistics treatment, double z)
    {
        if (control.Quantile is not { Count: >= 2 } c || treatment.Quantile is not { Count: >= 2 } t || !(z > 0))
        {
            return null;
        }

        try
        {
            Comparison lifts = QuantileInterval.Compare(Quantile(c, z), Quantile(t, z));
            return IsUsable(lifts) ? (lifts, false) : null;
        }
        catch (ArgumentException)
        {
            return null; // a zero control quantile: no relative change to report
        }
    }

    // The store's interval is distribution-free order statistics at ±z; its half-width over z is the standard error.
    private static FailSmart.Statistics.QuantileEstimate Quantile(FailSmart.Storage.Events.QuantileEstimate q, double z) =>
        new(q.Level, q.Estimate, new Interval(q.LowerBound, q.UpperBound), (q.UpperBound - q.LowerBound) / (2 * z), q.Count);

    private static bool IsUsable(Comparison lifts) =>
        double.IsFinite(lifts.Relative.Estimate) && double.IsFinite(lifts.Relative.StandardError) && lifts.Relative.StandardError > 0;

    private static MeanStatistics Mean(VariationStatistics arm) => new(arm.Units, arm.Sum, arm.SumOfSquares);

    private static RatioStatistics Ratio(VariationStatistics arm)
    {
        DenominatorSums d = arm.Denominator ?? new DenominatorSums(0, 0, 0);
        return new RatioStatistics(arm.Units, arm.Sum, arm.SumOfSquares, d.Sum, d.SumOfSquares, d.SumOfProducts);
    }

    // The pre-period ratio X/Q is the covariate; an arm with no pre-period denominator has none.
    private static bool HasPrePeriodRatio(VariationStatistics arm) =>
        arm is { Denominator.Sum: > 0, Covariate.PreDenominator.Sum: > 0 };

    private static CupedRatioStatistics CupedRatio(VariationStatistics arm)
    {
        DenominatorSums d = arm.Denominator!;
        CovariateSums x = arm.Covariate!;
        PreDenominatorSums q = x.PreDenominator!;
        return new CupedRatioStatistics(
            arm.Units,
            MSum: arm.Sum,
            DSum: d.Sum,
            PSum: x.Sum,
            QSum: q.Sum,
            MMSum: arm.SumOfSquares,
            DDSum: d.SumOfSquares,
            PPSum: x.SumOfSquares,
            QQSum: q.SumOfSquares,
            MDSum: d.SumOfProducts,
            PQSum: q.SumOfCovariateProducts,
            MPSum: x.SumOfProducts,
            MQSum: q.SumOfMetricProducts,
            DPSum: x.SumOfDenominatorProducts ?? 0,
            DQSum: q.SumOfDenominatorProducts);
    }

    private static CupedStatistics Cuped(VariationStatistics arm)
    {
        CovariateSums x = arm.Covariate!;
        return new CupedStatistics(arm.Units, arm.Sum, arm.SumOfSquares, x.Sum, x.SumOfSquares, x.SumOfProducts);
    }
}
