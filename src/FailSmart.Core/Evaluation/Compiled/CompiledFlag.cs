using FailSmart.Core.Model;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>A flag in one environment, compiled for evaluation.</summary>
internal sealed class CompiledFlag
{
    public required Flag Flag { get; init; }

    public required DataValue[] Values { get; init; }

    public required string[] VariationKeys { get; init; }

    public bool HasEnvironment { get; init; }

    public bool Enabled { get; init; }

    public int OffIndex { get; init; }

    public int DefaultIndex { get; init; }

    public CompiledRule[] Rules { get; init; } = [];

    /// <summary>The last rule is a rollout: only the default follows it, so its in-or-out can be a select.</summary>
    public bool EndsInRollout => FinalRolloutOutcomes.Length == 2;

    /// <summary>When <see cref="EndsInRollout"/>: the default's outcome (out), then the rollout's (in).</summary>
    public EvaluationOutcome[] FinalRolloutOutcomes { get; init; } = [];

    public CompiledHoldout[] Holdouts { get; init; } = [];

    public HashLanes? Lanes { get; init; }

    public EvaluationOutcome? DisabledOutcome { get; init; }

    public EvaluationOutcome? PrerequisiteFailedOutcome { get; init; }

    public EvaluationOutcome? DefaultOutcome { get; init; }

    /// <summary>Resolved after every flag is compiled.</summary>
    public (CompiledFlag Flag, bool[] Allowed)[] Prerequisites { get; set; } = [];
}
