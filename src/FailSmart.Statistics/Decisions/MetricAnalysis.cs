namespace FailSmart.Statistics;

/// <summary>
/// Reads one treatment–control comparison of any metric type (means, proportions, ratios, CUPED,
/// quantiles) the safe way: the decision is taken on the always-valid confidence sequence of the
/// relative lift, so the result may be looked at every day; the date comes from the caller's clock.
/// </summary>
public static class MetricAnalysis
{
    public static MetricResult Analyze(Comparison comparison, long controlUnits, long treatmentUnits, MetricPlan plan, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(clock);
        long units = controlUnits + treatmentUnits;
        SequentialEstimate sequential = ConfidenceSequence.Apply(comparison.Relative, units, plan.PlannedUnits, plan.Alpha);
        BayesianResult bayesian = BayesianNormal.Analyze(comparison.Relative, null, plan.Alpha);
        MetricDecision decision = DecisionRules.Decide(new DecisionInput(
            comparison.Relative.Estimate,
            sequential.ConfidenceInterval,
            IntervalIsAlwaysValid: true,
            units,
            plan.PlannedUnits,
            plan.UnitsPerDay,
            clock.GetUtcNow(),
            plan.Direction,
            plan.MinimumProgress));
        return new MetricResult(decision, comparison, sequential, bayesian);
    }

    /// <summary>
    /// A guardrail: harm when the always-valid interval lies on the bad side of zero, otherwise
    /// "no harm detected", with non-inferiority against the relative <paramref name="margin"/>.
    /// </summary>
    public static GuardrailResult AnalyzeGuardrail(Comparison comparison, long controlUnits, long treatmentUnits, double margin, MetricPlan plan)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(plan);
        SequentialEstimate sequential = ConfidenceSequence.Apply(comparison.Relative, controlUnits + treatmentUnits, plan.PlannedUnits, plan.Alpha);
        NonInferiorityResult nonInferiority = NonInferiority.Test(comparison.Relative, margin, plan.Alpha / 2, plan.Direction);
        return Guardrail.Evaluate(sequential.ConfidenceInterval, nonInferiority);
    }
}
