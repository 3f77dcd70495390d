namespace FailSmart.Statistics;

/// <summary>
/// A guardrail's always-valid reading: the relative change, its delta-method standard error, the interval
/// whose harmful-side end is at the harm level and whose other end is at the non-inferiority level, and
/// what it shows. An undefined reading (too few units, a zero control mean) has NaN numbers and shows nothing.
/// </summary>
public sealed record GuardrailGateResult(double Estimate, double StandardError, Interval Interval, bool HarmShown, bool NonInferiorityShown)
{
    /// <summary>The reading when there is nothing to read yet.</summary>
    public static GuardrailGateResult Undefined { get; } = new(double.NaN, double.NaN, new Interval(double.NaN, double.NaN), false, false);

    /// <summary>The harm evidence to carry into the next analysis if this one ends now: (carried + 1) × this look's e-value.</summary>
    public double CarriedEvidence { get; init; }

    /// <summary>True when the estimate and its interval are finite numbers.</summary>
    public bool IsDefined => double.IsFinite(Estimate) && Interval.IsFinite;
}
