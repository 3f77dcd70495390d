using FailSmart.Core.Bucketing;
using FailSmart.Core.Targeting;

namespace FailSmart.Core.Evaluation;

/// <summary>One step of an explanation: what was checked, whether it passed, and the numbers behind it.</summary>
/// <param name="Kind">What was checked.</param>
/// <param name="Subject">Its name (rule id, experiment key, holdout key...).</param>
/// <param name="Passed">Whether evaluation went on through this step (condition held, unit in range...).</param>
/// <param name="Detail">One readable sentence.</param>
public sealed record TraceStep(TraceStepKind Kind, string Subject, bool Passed, string Detail)
{
    /// <summary>Each test of the rule's condition with the attribute value it saw.</summary>
    public IReadOnlyList<ConditionCheck> Conditions { get; init; } = [];

    /// <summary>The unit's point in [0, 1) for a rollout or an experiment.</summary>
    public double? Point { get; init; }

    /// <summary>The range the point was tested against (the rollout range, or the chosen variation's range).</summary>
    public BucketRange? Range { get; init; }

    /// <summary>The unit's integer bucket (0..9999) in a layer or a holdout.</summary>
    public int? Bucket { get; init; }

    /// <summary>The span of buckets the bucket was tested against.</summary>
    public BucketSpan? Span { get; init; }
}
