namespace FailSmart.Application.Rollouts;

/// <summary>One guardrail's always-valid reading at a look, as a relative change of the feature against control.</summary>
/// <param name="MetricKey">The metric.</param>
/// <param name="Estimate">Relative change (0.02 for +2%).</param>
/// <param name="Lower">The always-valid interval's lower end.</param>
/// <param name="Upper">Its upper end.</param>
/// <param name="HarmShown">The interval lies wholly on the harmful side of zero.</param>
/// <param name="NonInferiorityShown">The interval excludes harm larger than the margin.</param>
public sealed record GateReading(string MetricKey, double Estimate, double Lower, double Upper, bool HarmShown, bool NonInferiorityShown)
{
    /// <summary>The harm evidence to store with the stage when this look advances the rollout, and to pass as the next stage's <see cref="GuardrailInput.CarriedEvidence"/>.</summary>
    public double CarriedEvidence { get; init; }

    /// <summary>The harm tolerated, relative to control (0.01 for 1%); 0 in readings stored before it was kept.</summary>
    public double Margin { get; init; }

    /// <summary>Units compared on the control side (not yet and holdback).</summary>
    public long ControlUnits { get; init; }

    /// <summary>Units compared on the feature side.</summary>
    public long TreatmentUnits { get; init; }
}
