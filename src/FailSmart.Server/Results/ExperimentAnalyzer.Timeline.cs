using FailSmart.Protocol.Results;
using FailSmart.Statistics;
using FailSmart.Storage.Events;
using StatsAnalysis = FailSmart.Statistics.MetricAnalysis;
using StoreAnalysis = FailSmart.Storage.Events.MetricAnalysis;

namespace FailSmart.Server.Results;

/// <summary>Results over time: the same comparison as <see cref="AnalyzeAsync"/>, as of the end of each day.</summary>
internal sealed partial class ExperimentAnalyzer
{
    public async Task<ExperimentTimelineResponse> AnalyzeOverTimeAsync(
        string environment, ExperimentSubject experiment, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var scope = new ExperimentScope(environment, experiment.Key, experiment.Phase, now);
        ExposureSummary summary = await store.SummarizeExposuresAsync(scope, cancellationToken);
        IReadOnlyList<DateTimeOffset> moments = summary.FirstExposure is { } first ? TimelineMoments.Between(first, now) : [];
        int done = 0;
        var results = new List<MetricTimelineResponse>(metrics.Count);
        foreach (MetricSpec metric in metrics)
        {
            IReadOnlyList<StoreAnalysis> analyses = moments.Count == 0
                ? []
                : await store.AnalyzeMetricOverTimeAsync(scope, metric.Definition, moments, cancellationToken);
            Progress?.Report((++done, metrics.Count));
            results.Add(Timeline(metric, experiment, moments, analyses));
        }

        return new ExperimentTimelineResponse(experiment.Key, environment, experiment.Phase, now, results);
    }

    private MetricTimelineResponse Timeline(MetricSpec spec, ExperimentSubject experiment, IReadOnlyList<DateTimeOffset> moments, IReadOnlyList<StoreAnalysis> analyses)
    {
        MetricDefinition definition = spec.Definition;
        var plan = new MetricPlan(spec.PlannedUnits, 0, Direction(definition));
        var series = new List<VariationTimelineResponse>();
        for (int i = 1; i < experiment.Variations.Count; i++)
        {
            var points = new List<TimelinePointResponse>(moments.Count);
            for (int k = 0; k < moments.Count; k++)
            {
                points.Add(Point(definition, plan, moments[k], analyses[k], i));
            }

            series.Add(new VariationTimelineResponse(i, experiment.Variations[i].Key, points));
        }

        return new MetricTimelineResponse(definition.Key, Kebab(definition.Role), Kebab(definition.Direction), series,
            experiment.Factorial is null ? null : FactorialTimeline(definition, experiment, moments, analyses));
    }

    /// <summary>
    /// A factorial launch's main effects and bundle at each moment, read exactly as the results read the cells then,
    /// so the last point is the results' own numbers.
    /// </summary>
    private List<FactorialTimelineResponse> FactorialTimeline(
        MetricDefinition definition, ExperimentSubject experiment, IReadOnlyList<DateTimeOffset> moments, IReadOnlyList<StoreAnalysis> analyses)
    {
        IReadOnlyList<string> features = experiment.Factorial!.Features;
        var mains = features.Select(_ => new List<FactorialTimelinePointResponse>(moments.Count)).ToArray();
        var bundle = new List<FactorialTimelinePointResponse>(moments.Count);
        for (int k = 0; k < moments.Count; k++)
        {
            FactorialMetricResponse? reading = FactorialReading.Read(definition, experiment, analyses[k].Variations, Alpha);
            long units = analyses[k].Variations.Sum(v => v.Units);
            for (int j = 0; j < features.Count; j++)
            {
                mains[j].Add(TimelinePoint(moments[k], units, reading?.MainEffects?.FirstOrDefault(t => t.Name == features[j])?.Effect));
            }

            bundle.Add(TimelinePoint(moments[k], units, reading?.Bundle));
        }

        return [.. features.Select((f, j) => new FactorialTimelineResponse("main-effect", f, mains[j])), new FactorialTimelineResponse("bundle", "bundle", bundle)];
    }

    private static FactorialTimelinePointResponse TimelinePoint(DateTimeOffset asOf, long units, FactorialEffectResponse? effect) =>
        new(asOf, units, effect?.Estimate, effect?.Lower, effect?.Upper, effect?.PValue);

    /// <summary>
    /// One moment of one treatment, through the same comparison and confidence sequence as the results'
    /// LiftLower and LiftUpper; the fixed-horizon interval is the normal one the p-value is read from.
    /// </summary>
    private TimelinePointResponse Point(MetricDefinition definition, MetricPlan plan, DateTimeOffset asOf, StoreAnalysis analysis, int variation)
    {
        VariationStatistics control = Arm(analysis.Variations, 0);
        VariationStatistics treatment = Arm(analysis.Variations, variation);
        var empty = new TimelinePointResponse(asOf, control.Units, treatment.Units, null, null, null, null, null);
        if (OutOfRange(definition.Kind, analysis.Variations) is not null
            || ArmComparison.Compare(definition.Kind, control, treatment, definition.QuantileIntervalZ) is not ({ } lifts, _))
        {
            return empty;
        }

        MetricResult result = StatsAnalysis.Analyze(lifts, control.Units, treatment.Units, plan, clock);
        return empty with
        {
            RelativeLift = Finite(lifts.Relative.Estimate),
            Lower = Finite(result.AlwaysValidRelative.ConfidenceInterval.Lower),
            Upper = Finite(result.AlwaysValidRelative.ConfidenceInterval.Upper),
            FixedLower = Finite(lifts.Relative.ConfidenceIntervalZ.Lower),
            FixedUpper = Finite(lifts.Relative.ConfidenceIntervalZ.Upper),
        };
    }
}
