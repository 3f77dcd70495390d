using FailSmart.Core.Bucketing;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>
/// The unit-independent part of a result (value, variation, reason, rule, experiment), built once
/// per rule and variation when a configuration is compiled, so an evaluation only points at it.
/// </summary>
internal sealed record EvaluationOutcome
{
    public static EvaluationOutcome Empty { get; } = new() { FlagKey = string.Empty, Reason = EvaluationReason.Error, ErrorCode = EvaluationErrorCode.Unexpected };

    public required string FlagKey { get; init; }

    public DataValue Value { get; init; }

    public string? VariationKey { get; init; }

    public int VariationIndex { get; init; } = -1;

    public EvaluationReason Reason { get; init; }

    public EvaluationErrorCode ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public string? RuleId { get; init; }

    public int RuleIndex { get; init; } = -1;

    public string? ExperimentKey { get; init; }

    public int ExperimentPhase { get; init; }

    public bool InExperiment { get; init; }

    /// <summary>The variation an exposure records: the experiment's variation, or a guarded rollout's arm name.</summary>
    public string? ExposureVariation { get; init; }

    /// <summary>Its index: in the experiment's variations, or the <see cref="Model.RolloutArm"/> value.</summary>
    public int ExposureVariationIndex { get; init; } = -1;

    public string? HoldoutKey { get; init; }

    /// <summary>Buckets per unit interval of the hash that decided: 10,000 (version 2) or 1,000 (version 1).</summary>
    public double BucketScale { get; init; } = BucketHash.BucketCount;
}
