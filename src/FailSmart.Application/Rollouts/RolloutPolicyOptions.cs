namespace FailSmart.Application.Rollouts;

/// <summary>The settings of <see cref="GuardedRolloutPolicy"/> (configuration section <c>Rollouts:Policy</c>).</summary>
public sealed class RolloutPolicyOptions
{
    public const string SectionName = "Rollouts:Policy";

    /// <summary>
    /// The chance a rollout of a harmless feature is rolled back by its guardrails, over the whole rollout.
    /// Split evenly across the guardrails and the stages (each stage is a new analysis), so each stage tests
    /// each guardrail for harm at GuardrailAlpha / (guardrails × stages).
    /// </summary>
    public double GuardrailAlpha { get; set; } = 0.05;

    /// <summary>
    /// The chance of advancing into the last stage while a guardrail is worse than its margin. The ruling-out
    /// is read once per rollout (before the last stage), so it is split across the guardrails only.
    /// </summary>
    public double NonInferiorityAlpha { get; set; } = 0.05;

    /// <summary>The chance a correctly assigned rollout fails the sample-ratio check, over the whole rollout (split across stages).</summary>
    public double SampleRatioAlpha { get; set; } = 0.001;

    /// <summary>
    /// Units (all arms of a stage) at which the always-valid intervals are narrowest; they stay valid at
    /// every other count. Set it near the units a stage sees in its minimum duration.
    /// </summary>
    public double TuningSampleSize { get; set; } = 100_000;

    /// <summary>The sequential sample-ratio check's prior concentration (Lindon &amp; Malek's k).</summary>
    public double SampleRatioConcentration { get; set; } = 100;

    /// <summary>
    /// A guardrail shows nothing, harm or non-inferiority, until both its arms have this many units: the
    /// intervals rest on the normal approximation of a ratio of means, which small samples do not support.
    /// </summary>
    public long MinUnitsPerArm { get; set; } = 500;

    /// <summary>An arm that should have had at least this many units by now and has none is a red check.</summary>
    public double EmptyArmExpectedUnits { get; set; } = 30;
}
