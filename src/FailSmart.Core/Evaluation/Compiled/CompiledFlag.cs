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

    public CompiledHoldout[] Holdouts { get; init; } = [];

    public HashLanes? Lanes { get; init; }

    public EvaluationOutcome? DisabledOutcome { get; init; }

    public EvaluationOutcome? PrerequisiteFailedOutcome { get; init; }

    public EvaluationOutcome? DefaultOutcome { get; init; }

    /// <summary>Resolved after every flag is compiled.</summary>
    public (CompiledFlag Flag, bool[] Allowed)[] Prerequisites { get; set; } = [];
}
