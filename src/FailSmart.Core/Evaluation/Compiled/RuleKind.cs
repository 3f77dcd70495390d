namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>The action of a compiled rule, as a number to switch on rather than a type to test.</summary>
internal enum RuleKind
{
    Force,
    Rollout,
    Experiment,
}
