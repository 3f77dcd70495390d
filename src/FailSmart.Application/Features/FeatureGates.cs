namespace FailSmart.Application.Features;

/// <summary>
/// The requirements a gate may name, and the check of a decision against them. Pure: what the
/// configuration holds (running experiments, guarded rollouts) comes in as <see cref="FeatureGateFacts"/>.
/// </summary>
public static class FeatureGates
{
    /// <summary>The hypothesis names a metric (a smallest effect is not required).</summary>
    public const string HypothesisMetric = "hypothesis-metric";

    /// <summary>The hypothesis names a metric and a non-zero smallest effect (<see cref="Core.Model.Hypothesis.IsMeasurable"/>).</summary>
    public const string MeasurableHypothesis = "measurable-hypothesis";

    /// <summary>A linked experiment is running, or a linked flag has a guarded rollout under way.</summary>
    public const string RunningTest = "running-test";

    /// <summary>The decision names at least one piece of evidence.</summary>
    public const string Evidence = "evidence";

    public static IReadOnlyList<string> Known { get; } = [HypothesisMetric, MeasurableHypothesis, RunningTest, Evidence];

    /// <summary>The gates that refuse moving <paramref name="feature"/> into <paramref name="phase"/>; empty when it may.</summary>
    public static IReadOnlyList<GateRefusal> Check(Feature feature, FeaturePhase phase, IReadOnlyList<string> requirements, FeatureGateFacts facts)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(facts);
        var refusals = new List<GateRefusal>();
        foreach (string requirement in requirements)
        {
            GateRefusal? refusal = requirement switch
            {
                HypothesisMetric when feature.Hypothesis?.Metric is null => new(requirement,
                    $"Entering {phase} needs a hypothesis with a metric, and '{feature.Key}' has none.",
                    "Edit the feature to name the metric that will show the hypothesis, or ask an administrator to override with a reason."),
                MeasurableHypothesis when feature.Hypothesis is not { IsMeasurable: true } => new(requirement,
                    $"Entering {phase} needs a measurable hypothesis (a metric and the smallest effect worth having), and '{feature.Key}' has not got one.",
                    "Edit the feature to name the hypothesis metric and its smallest effect, or ask an administrator to override with a reason."),
                RunningTest when !facts.RunningExperiment && !facts.GuardedRollout => new(requirement,
                    $"Entering {phase} needs a running experiment or a guarded rollout linked to '{feature.Key}', and none is.",
                    "Link a running experiment or a guarded rollout, or ask an administrator to override with a reason."),
                Evidence when !facts.NamesEvidence => new(requirement,
                    $"Entering {phase} needs evidence, and this decision names none.",
                    "Name the experiments, rollouts, notes or links the decision relies on, or ask an administrator to override with a reason."),
                _ => null,
            };
            if (refusal is not null)
            {
                refusals.Add(refusal);
            }
        }

        return refusals;
    }
}

/// <summary>What the gates need to know beyond the feature itself.</summary>
/// <param name="RunningExperiment">A linked experiment is running.</param>
/// <param name="GuardedRollout">A linked flag has a guarded rollout that is running, awaiting approval or paused.</param>
/// <param name="NamesEvidence">The decision names at least one piece of evidence.</param>
public sealed record FeatureGateFacts(bool RunningExperiment, bool GuardedRollout, bool NamesEvidence);

/// <summary>A gate that refuses a decision: its name, what is missing, and how to satisfy it.</summary>
public sealed record GateRefusal(string Gate, string Message, string Hint);
