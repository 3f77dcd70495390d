namespace FailSmart.Statistics;

/// <summary>
/// The always-valid one-sided gate of a guardrail during a guarded rollout, read at any number of looks.
/// The relative change r = (x̄_t − x̄_c)/|x̄_c| has the delta-method standard error of <see cref="WelchTest"/>
/// (Deng, Knoblich &amp; Lu 2018), and each end of its interval is a one-sided normal-mixture bound
/// (<see cref="ConfidenceSequence.OneSidedHalfWidth"/>) at its own level: the end that can show harm at
/// the harm level, the end that can rule out harm beyond the margin at the non-inferiority level.
/// Harm is shown when the interval lies wholly on the harmful side of zero; non-inferiority when it
/// excludes a change worse than the margin. Proportions are means of 0/1 values.
/// </summary>
public static class GuardrailGate
{
    public static GuardrailGateResult Evaluate(
        MeanStatistics control,
        MeanStatistics treatment,
        MetricDirection direction,
        double relativeMargin,
        double harmAlpha,
        double nonInferiorityAlpha,
        double tuningSampleSize)
    {
        Guard.Alpha(harmAlpha, nameof(harmAlpha));
        Guard.Alpha(nonInferiorityAlpha, nameof(nonInferiorityAlpha));
        Guard.Positive(tuningSampleSize, nameof(tuningSampleSize));
        if (!(relativeMargin >= 0) || double.IsInfinity(relativeMargin))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeMargin), relativeMargin, "The margin must be zero or positive and finite.");
        }

        // A variance needs two units per arm, and a relative change needs a control mean other than zero.
        if (control.N < 2 || treatment.N < 2)
        {
            return GuardrailGateResult.Undefined;
        }

        double mc = control.Mean;
        double mt = treatment.Mean;
        if (mc == 0 || !double.IsFinite(mc) || !double.IsFinite(mt))
        {
            return GuardrailGateResult.Undefined;
        }

        // Rounding can leave Σy² − Σy·ȳ a hair below zero for constant data.
        double vc = Math.Max(0, control.Variance);
        double vt = Math.Max(0, treatment.Variance);
        // Over |x̄_c|, so that a rise is a rise also for a metric whose control mean is negative.
        double estimate = (mt - mc) / Math.Abs(mc);
        double se = Math.Sqrt(TwoArmVariance.RelativeVariance(mc, vc, control.N, mt, vt, treatment.N));
        if (!double.IsFinite(estimate) || !double.IsFinite(se))
        {
            return GuardrailGateResult.Undefined;
        }

        long units = control.N + treatment.N;
        double harmHalfWidth = ConfidenceSequence.OneSidedHalfWidth(se, units, tuningSampleSize, harmAlpha);
        double marginHalfWidth = ConfidenceSequence.OneSidedHalfWidth(se, units, tuningSampleSize, nonInferiorityAlpha);
        if (direction == MetricDirection.HigherIsBetter)
        {
            double lower = estimate - marginHalfWidth;
            double upper = estimate + harmHalfWidth;
            return new GuardrailGateResult(estimate, se, new Interval(lower, upper), upper < 0, lower > -relativeMargin);
        }
        else
        {
            double lower = estimate - harmHalfWidth;
            double upper = estimate + marginHalfWidth;
            return new GuardrailGateResult(estimate, se, new Interval(lower, upper), lower > 0, upper < relativeMargin);
        }
    }
}
