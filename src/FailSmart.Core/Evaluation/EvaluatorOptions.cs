namespace FailSmart.Core.Evaluation;

/// <summary>Options of an <see cref="Evaluator"/>.</summary>
public sealed record EvaluatorOptions
{
    public static EvaluatorOptions Default { get; } = new();

    /// <summary>When set, experiment assignments are remembered and reused.</summary>
    public IStickyAssignmentStore? StickyAssignments { get; init; }

    /// <summary>How deep prerequisite chains may go before evaluation gives up with an error.</summary>
    public int MaxPrerequisiteDepth { get; init; } = 16;
}
