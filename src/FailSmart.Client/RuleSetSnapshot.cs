using FailSmart.Core.Evaluation;

namespace FailSmart.Client;

/// <summary>One immutable rule set ready to evaluate. The client swaps whole snapshots, so readers never lock.</summary>
internal sealed class RuleSetSnapshot(Evaluator evaluator, RuleSetOrigin origin, long revision, string? etag, string json)
{
    public Evaluator Evaluator { get; } = evaluator;

    public RuleSetOrigin Origin { get; } = origin;

    public long Revision { get; } = revision;

    public string? ETag { get; } = etag;

    /// <summary>The document as received, kept to write the disk cache.</summary>
    public string Json { get; } = json;

    public IReadOnlyCollection<string> FlagKeys { get; } = [.. evaluator.Configuration.Flags.Select(f => f.Key)];

    /// <summary>Evaluation insights' counters for this rule set; null when insights are off. Set before the snapshot is published.</summary>
    public Insights.EvaluationCounters? Counters { get; set; }
}
