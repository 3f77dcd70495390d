namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>The action of a compiled rule, as a number to switch on rather than a type to test.</summary>
internal enum RuleKind
{
    Force,
    Rollout,
    Experiment,

    /// <summary>A rollout with a plan: decides for every unit it matches (in, not yet or holdback).</summary>
    GuardedRollout,

    /// <summary>A rollout placed by Microsoft.FeatureManagement's targeting hash (an imported rule).</summary>
    FeatureManagementRollout,
}
