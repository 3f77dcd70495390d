using FailSmart.Storage.Events;

namespace FailSmart.Storage;

/// <summary>
/// Where exposures and metric events live, and where analysis runs. Analysis returns per-variation
/// sufficient statistics computed by the engine; no raw rows leave the store.
/// </summary>
public interface IEventStore : IStore
{
    /// <summary>How many distinct exposures are stored.</summary>
    Task<long> CountExposuresAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A high-water mark of what is stored: the rows of exposures and metric events together. It only grows
    /// as batches are appended, so an equal mark means nothing new arrived (a cached result is still current).
    /// By default only exposures are counted.
    /// </summary>
    Task<long> StoredRowsAsync(CancellationToken cancellationToken = default) => CountExposuresAsync(cancellationToken);

    /// <summary>
    /// Writes a batch and returns once it is durable. Idempotent on event id: an item whose id is
    /// already stored (a retried batch) never counts twice.
    /// </summary>
    /// <exception cref="ArgumentException">An item lacks an id, environment, unit or name.</exception>
    /// <exception cref="StorageException">The engine failed; <see cref="StorageException.IsTransient"/> says whether to retry.</exception>
    Task<AppendResult> AppendAsync(EventBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Units per variation for the sample-ratio-mismatch check, and units that saw more than one variation.</summary>
    Task<ExposureSummary> SummarizeExposuresAsync(ExperimentScope scope, CancellationToken cancellationToken = default);

    /// <summary>
    /// For every other experiment phase (guarded rollouts included) with exposures during this phase or
    /// within <see cref="ExperimentScope.OverlapLookback"/> before its first exposure, a
    /// variation-by-variation contingency table over this phase's units.
    /// </summary>
    Task<IReadOnlyList<ExperimentOverlap>> FindOverlapsAsync(ExperimentScope scope, CancellationToken cancellationToken = default);

    /// <summary>One metric's sufficient statistics per variation.</summary>
    Task<MetricAnalysis> AnalyzeMetricAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="AnalyzeMetricAsync"/> for a scope that is analysed again and again as time passes (the
    /// scheduled results refresh). A store may keep per-unit state between calls and recompute only the
    /// units whose data changed; the numbers are the same. By default it analyses from scratch.
    /// </summary>
    Task<MetricAnalysis> RefreshMetricAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken = default) =>
        AnalyzeMetricAsync(scope, metric, cancellationToken);

    /// <summary>One metric's sufficient statistics per (attribute value, variation); the attribute is read from each unit's first exposure.</summary>
    Task<MetricBreakdown> AnalyzeBreakdownAsync(ExperimentScope scope, MetricDefinition metric, string attribute, CancellationToken cancellationToken = default);

    /// <summary>
    /// One metric's sufficient statistics per cell of several attributes read together (country × platform), each
    /// segment's value a <see cref="JointValue"/> of the unit's first exposure; units missing any attribute have none.
    /// </summary>
    /// <exception cref="NotSupportedException">The store cannot break a metric down by several attributes.</exception>
    Task<MetricBreakdown> AnalyzeJointBreakdownAsync(
        ExperimentScope scope, MetricDefinition metric, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This event store cannot break a metric down by several attributes.");

    /// <summary>
    /// <see cref="AnalyzeMetricAsync"/> as of each of <paramref name="moments"/> (the scope's own
    /// <see cref="ExperimentScope.AsOf"/> is replaced by each in turn): the cumulative results over time.
    /// By default one analysis per moment, so every metric type, capping, CUPED and retention's eligibility
    /// are exactly those of a single analysis at that moment.
    /// </summary>
    async Task<IReadOnlyList<MetricAnalysis>> AnalyzeMetricOverTimeAsync(
        ExperimentScope scope, MetricDefinition metric, IReadOnlyList<DateTimeOffset> moments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(moments);
        var analyses = new List<MetricAnalysis>(moments.Count);
        foreach (DateTimeOffset moment in moments)
        {
            analyses.Add(await AnalyzeMetricAsync(scope with { AsOf = moment }, metric, cancellationToken));
        }

        return analyses;
    }

    /// <summary>
    /// One metric over every unit exposed to anything in <paramref name="environment"/> between
    /// <paramref name="from"/> and <paramref name="to"/>, as one arm: each unit's value over its events
    /// from its first exposure in the window, zeros included, with the metric's capping.
    /// </summary>
    /// <exception cref="NotSupportedException">The store cannot summarise metrics.</exception>
    Task<MetricSummary> SummarizeMetricAsync(
        string environment, MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This event store cannot summarise a metric's recent data.");

    /// <summary>
    /// Distinct units exposed to anything in <paramref name="environment"/> between <paramref name="from"/> and
    /// <paramref name="to"/>, per value of <paramref name="attribute"/> as each unit's first exposure in the window
    /// carried it, ordered by value, missing values first: a target population made of every experiment's units.
    /// </summary>
    /// <exception cref="NotSupportedException">The store cannot count units by attribute.</exception>
    Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributeAsync(
        string environment, string attribute, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This event store cannot count units by attribute.");

    /// <summary>
    /// This phase's units (exposed to one variation only) per value of <paramref name="attribute"/> as each unit's
    /// first exposure carried it, all variations together, ordered by value, missing values first: the cohort's mix.
    /// </summary>
    /// <exception cref="NotSupportedException">The store cannot count units by attribute.</exception>
    Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributeAsync(ExperimentScope scope, string attribute, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This event store cannot count units by attribute.");

    /// <summary>
    /// <see cref="CountUnitsByAttributeAsync(string, string, DateTimeOffset, DateTimeOffset, CancellationToken)"/> per
    /// cell of several attributes read together, each value a <see cref="JointValue"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The store cannot count units by several attributes.</exception>
    Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributesAsync(
        string environment, IReadOnlyList<string> attributes, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("This event store cannot count units by several attributes.");
}
