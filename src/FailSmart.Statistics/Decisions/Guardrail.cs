namespace FailSmart.Statistics;

/// <summary>
/// Guardrail metrics answer "did we break something?" and never show a bare p-value. Harm is declared
/// when the interval lies wholly on the bad side of zero; otherwise "no harm detected", with the
/// non-inferiority test saying whether a loss beyond the margin has been ruled out.
/// </summary>
public static class Guardrail
{
    public static GuardrailResult Evaluate(Interval relativeInterval, NonInferiorityResult nonInferiority)
    {
        ArgumentNullException.ThrowIfNull(nonInferiority);
        bool higher = nonInferiority.Direction == MetricDirection.HigherIsBetter;
        bool harm = higher ? relativeInterval.IsBelow(0) : relativeInterval.IsAbove(0);
        string margin = DecisionRules.Percent(nonInferiority.Margin, false);
        string range = DecisionRules.RelativeRange(nonInferiority.Estimate, relativeInterval);
        if (harm)
        {
            return new GuardrailResult(GuardrailVerdict.Harm, false, nonInferiority.Margin, relativeInterval, $"Harm: this guardrail got worse by {range}.");
        }

        string message = nonInferiority.NonInferiorT
            ? $"No harm detected: {range}; a loss larger than {margin} is ruled out."
            : $"No harm detected so far: {range}; a loss of up to {margin} cannot be ruled out yet.";
        return new GuardrailResult(GuardrailVerdict.NoHarmDetected, nonInferiority.NonInferiorT, nonInferiority.Margin, relativeInterval, message);
    }
}
