namespace FailSmart.Core.Evaluation;

/// <summary>The kind of a step in an <see cref="EvaluationTrace"/>.</summary>
public enum TraceStepKind
{
    Flag,
    Environment,
    Prerequisite,
    Holdout,
    Rule,
    Segment,
    Rollout,
    Experiment,
    Layer,
    StickyAssignment,
    Result,
}
