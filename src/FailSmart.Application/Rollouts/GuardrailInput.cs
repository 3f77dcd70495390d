namespace FailSmart.Application.Rollouts;

/// <summary>A guardrail at one look: the feature's units against the units of the same stage that did not get it.</summary>
/// <param name="MetricKey">The metric.</param>
/// <param name="HigherIsBetter">False for metrics such as latency or errors, where an increase is the harm.</param>
/// <param name="RelativeMargin">The harm tolerated, relative to the control mean (0.01 for 1%).</param>
/// <param name="Control">Not yet and holdback units of the stage's phase, summed.</param>
/// <param name="Treatment">Units that got the feature in the stage's phase.</param>
public sealed record GuardrailInput(string MetricKey, bool HigherIsBetter, double RelativeMargin, ArmSums Control, ArmSums Treatment)
{
    /// <summary>
    /// The harm evidence earlier stages of this rollout ended with for this metric: the
    /// <see cref="GateReading.CarriedEvidence"/> of the look that advanced into the current stage, 0 at the first
    /// stage. Carrying it lets harm seen in one stage count in the next; 0 tests each stage on its own.
    /// </summary>
    public double CarriedEvidence { get; init; }
}
