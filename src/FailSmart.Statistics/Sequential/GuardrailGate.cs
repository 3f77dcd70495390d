namespace FailSmart.Statistics;

/// <summary>
/// The always-valid one-sided gate of a guardrail during a guarded rollout, read at any number of looks.
/// The relative change r = (x̄_t − x̄_c)/|x̄_c| has the delta-method standard error of <see cref="WelchTest"/>
/// (Deng, Knoblich &amp; Lu 2018), and each end of its interval is a one-sided normal-mixture bound
/// (<see cref="ConfidenceSequence.OneSidedHalfWidth(double, long, double, double)"/>) at its own level: the end that can show harm at
/// the harm level, the end that can rule out harm beyond the margin at the non-inferiority level.
/// Harm is shown when the interval lies wholly on the harmful side of zero; non-inferiority when it
/// excludes a change worse than the margin. Proportions are means of 0/1 values.
/// <para>
/// Evidence carried between analyses: a rollout analyses each stage on its own units, and testing every
/// stage at α/S (S stages) throws away what earlier stages saw. The harm test's mixture value Eₛ is an
/// e-value, so A = (A′ + 1)·Eₛ, carried from stage to stage (A′ the previous stage's, 0 at the first), makes
/// (A′ + 1)·E(t)/S a lower bound of the average of S test supermartingales (the products of the e-values
/// from each stage on). Declaring harm when (A′ + 1)·E(t) ≥ 1/α_harm with α_harm = α/S keeps the chance of
/// ever doing so under no harm at or below α/S·S = α by Ville's inequality, and with A′ = 0 it is the plain
/// per-stage test. The carried evidence passed in is A′; <see cref="GuardrailGateResult.CarriedEvidence"/> is A.
/// </para>
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
        double tuningSampleSize,
        double carriedEvidence = 0)
    {
        Guard.Alpha(harmAlpha, nameof(harmAlpha));
        Guard.Alpha(nonInferiorityAlpha, nameof(nonInferiorityAlpha));
        Guard.Positive(tuningSampleSize, nameof(tuningSampleSize));
        if (!(relativeMargin >= 0) || double.IsInfinity(relativeMargin))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeMargin), relativeMargin, "The margin must be zero or positive and finite.");
        }

        if (!(carriedEvidence >= 0) || double.IsInfinity(carriedEvidence))
        {
            throw new ArgumentOutOfRangeException(nameof(carriedEvidence), carriedEvidence, "Carried evidence must be zero or positive and finite.");
        }

        // Nothing seen in this analysis: its e-value is still 1.
        GuardrailGateResult undefined = GuardrailGateResult.Undefined with { CarriedEvidence = carriedEvidence + 1 };

        // A variance needs two units per arm, and a relative change needs a control mean other than zero.
        if (control.N < 2 || treatment.N < 2)
        {
            return undefined;
        }

        double mc = control.Mean;
        double mt = treatment.Mean;
        if (mc == 0 || !double.IsFinite(mc) || !double.IsFinite(mt))
        {
            return undefined;
        }

        // Rounding can leave Σy² − Σy·ȳ a hair below zero for constant data.
        double vc = Math.Max(0, control.Variance);
        double vt = Math.Max(0, treatment.Variance);
        // Over |x̄_c|, so that a rise is a rise also for a metric whose control mean is negative.
        double estimate = (mt - mc) / Math.Abs(mc);
        double se = Math.Sqrt(TwoArmVariance.RelativeVariance(mc, vc, control.N, mt, vt, treatment.N));
        if (!double.IsFinite(estimate) || !double.IsFinite(se))
        {
            return undefined;
        }

        long units = control.N + treatment.N;
        bool higher = direction == MetricDirection.HigherIsBetter;
        double harmward = higher ? -estimate : estimate;
        double logEvidence = se > 0
            ? ConfidenceSequence.OneSidedLogEvidence(harmward / se, units, tuningSampleSize, harmAlpha)
            : harmward > 0 ? double.PositiveInfinity : 0;
        double carried = Math.Min(double.MaxValue, Math.Exp(Math.Log(carriedEvidence + 1) + logEvidence));
        // Evidence beyond 1/α would show harm before this analysis saw a unit; capped there, so the bound stays a bound.
        double harmHalfWidth = ConfidenceSequence.OneSidedHalfWidth(se, units, tuningSampleSize, harmAlpha, Math.Min(carriedEvidence + 1, 1 / harmAlpha));
        double marginHalfWidth = ConfidenceSequence.OneSidedHalfWidth(se, units, tuningSampleSize, nonInferiorityAlpha);
        if (higher)
        {
            double lower = estimate - marginHalfWidth;
            double upper = estimate + harmHalfWidth;
            return new GuardrailGateResult(estimate, se, new Interval(lower, upper), upper < 0, lower > -relativeMargin) { CarriedEvidence = carried };
        }
        else
        {
            double lower = estimate - harmHalfWidth;
            double upper = estimate + marginHalfWidth;
            return new GuardrailGateResult(estimate, se, new Interval(lower, upper), lower > 0, upper < relativeMargin) { CarriedEvidence = carried };
        }
    }
}
