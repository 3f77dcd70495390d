using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting.Nodes;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>A rule with everything resolved to indexes and slots.</summary>
internal sealed class CompiledRule
{
    private readonly Rule _rule = null!;

    public required Rule Rule
    {
        get => _rule;
        init
        {
            _rule = value;
            Condition = value.Condition.IsAlways ? null : value.Condition.Root;
            Kind = value.Action switch
            {
                ForceAction => RuleKind.Force,
                RolloutAction { Plan: not null } => RuleKind.GuardedRollout,
                RolloutAction { FeatureManagement: not null } => RuleKind.FeatureManagementRollout,
                RolloutAction => RuleKind.Rollout,
                _ => RuleKind.Experiment,
            };
        }
    }

    public RuleKind Kind { get; private init; }

    public required int Index { get; init; }

    public required CompiledSegment[] Segments { get; init; }

    /// <summary>The compiled condition, or null when the rule has none (everyone matches).</summary>
    public ConditionNode? Condition { get; private init; }

    /// <summary>Flag variation served by a force or rollout rule.</summary>
    public int VariationIndex { get; init; } = -1;

    public double RolloutFraction { get; init; }

    /// <summary>
    /// Buckets below this are in the rollout: the same test as GrowthBook's point &lt;= fraction
    /// (nobody at 0), decided on the integer bucket so no division sits on the hot path.
    /// </summary>
    public int RolloutBuckets { get; init; }

    public HashSlot Slot { get; init; }

    /// <summary>An imported rollout's range, in Microsoft.FeatureManagement's percentages.</summary>
    public FeatureManagementBucketing? FeatureManagement { get; init; }

    /// <summary>An imported rollout's hint as hashed after the unit id (a newline, then the seed, in UTF-8).</summary>
    public byte[] HintBytes { get; init; } = [];

    /// <summary>A guarded rollout's arms in the rollout hash's buckets.</summary>
    public RolloutArmBuckets Arms { get; init; }

    /// <summary>What a guarded rollout serves, per <see cref="RolloutArm"/>.</summary>
    public EvaluationOutcome[] ArmOutcomes { get; init; } = [];

    public CompiledExperiment? Experiment { get; init; }

    public HashSlot LayerSlot { get; init; }

    /// <summary>Flag variation index for each experiment variation.</summary>
    public int[] ExperimentToFlag { get; init; } = [];

    /// <summary>What a force or rollout rule serves.</summary>
    public EvaluationOutcome? Outcome { get; init; }

    /// <summary>What the experiment serves, per experiment variation.</summary>
    public EvaluationOutcome[] ExperimentOutcomes { get; init; } = [];

    /// <summary>Holdouts that cover this rule's experiment (or its layer).</summary>
    public CompiledHoldout[] Holdouts { get; init; } = [];
}
