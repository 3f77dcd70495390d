namespace FailSmart.Protocol.Results;

/// <summary>
/// `GET /api/v1/experiments/{key}/results`: one experiment phase analysed as of <see cref="AnalyzedAt"/>.
/// Read <see cref="Warnings"/> first: a red warning means no metric below should be trusted.
/// </summary>
/// <param name="Experiment">The experiment key.</param>
/// <param name="Environment">The environment analysed.</param>
/// <param name="Phase">The phase analysed; units are never compared across phases.</param>
/// <param name="AnalyzedAt">When the analysis ran; later exposures and events are not in it.</param>
/// <param name="Variations">Units per variation (units that saw only it), in configuration order.</param>
/// <param name="MultipleVariationUnits">Units exposed to more than one variation: counted here, excluded from every analysis.</param>
/// <param name="Warnings">Checks that ran on this result: sample ratio mismatch, multiple exposures, and the cross-experiment audit.</param>
/// <param name="Overlaps">The cross-experiment audit: one entry per other experiment (or guarded rollout) that exposed units during this phase or within the lookback before it.</param>
/// <param name="Metrics">One entry per metric analysed.</param>
/// <param name="SampleRatio">The sample-ratio check, shown whether it passed or not; null when fewer than two variations have planned traffic or no unit was exposed.</param>
/// <param name="Verdict">The experiment-level decision: ship, do-not-ship, keep-running, stop-for-futility or invalid, with why.</param>
/// <param name="ComputedAt">When these numbers were computed (the same moment as <see cref="AnalyzedAt"/>).</param>
/// <param name="Stale">True when events or configuration changed since <see cref="ComputedAt"/>: a fresh result is being computed; ask again shortly, or send refresh=true to wait for it.</param>
/// <param name="Archived">True when the experiment is archived: its results are analysed from its archived definition and kept readable.</param>
/// <param name="ArchivedAt">When it was archived, for an archived experiment.</param>
/// <param name="ArchivedBy">Who archived it.</param>
/// <param name="Factorial">For a factorial launch: its features and the plan for its primary metric; null for an ordinary experiment.</param>
public sealed record ExperimentResultsResponse(
    string Experiment,
    string Environment,
    int Phase,
    DateTimeOffset AnalyzedAt,
    IReadOnlyList<VariationUnitsResponse> Variations,
    long MultipleVariationUnits,
    IReadOnlyList<ResultWarning> Warnings,
    IReadOnlyList<OverlapAudit> Overlaps,
    IReadOnlyList<MetricResultResponse> Metrics,
    SampleRatioCheck? SampleRatio = null,
    ExperimentVerdictResponse? Verdict = null,
    DateTimeOffset? ComputedAt = null,
    bool Stale = false,
    bool Archived = false,
    DateTimeOffset? ArchivedAt = null,
    string? ArchivedBy = null,
    FactorialLaunchResponse? Factorial = null);
